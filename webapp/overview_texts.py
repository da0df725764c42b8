"""The words of the overview and compare pages, gettext messages in the page's language."""

from flask_babel import gettext


def texts() -> dict[str, str]:
    """The overview's and compare page's words in the page's language."""
    return {
        "title": gettext("Ecosystem overview"),
        "central": gettext("Who is most linked"),
        "brokers": gettext("Who links groups"),
        "groups": gettext("Groups that work together"),
        "binding": gettext("Partnerships that bind the most"),
        "ranks": gettext("The most linked of each kind"),
        "method": gettext("How this is computed"),
        "links": gettext("links"),
        "binds": gettext("binds {n} organisations"),
        "around": gettext("around"),
        "and-more": gettext("and {n} more"),
        "group": gettext("Group"),
        "links-groups": gettext("links groups"),
        "rank": gettext("{rank} of {total}"),
        "compare": gettext("Compare two entities"),
        "shared-partners": gettext("Partners of both"),
        "shared-places": gettext("Places of both"),
        "shared-themes": gettext("Themes of both"),
        "linked": gettext("They are linked directly."),
        "not-linked": gettext("They are not linked directly."),
        "nothing": gettext("nothing"),
        "compare-title": gettext("{a} and {b}"),
        "how-linked": gettext("How are they linked?"),
        "method-text": gettext(
            "Only links between actors count (membership, partnership, deal, "
            "investment, site, post, funding): sharing a city or a theme links "
            "no one; places and themes only name the groups. {actors} actors, "
            "{links} links between them. Betweenness from {sources} of {actors} "
            "sources (sampled when fewer); groups by Louvain community detection"
            " with seed {seed}: another seed can draw the borders slightly "
            "differently."
        ),
    }
