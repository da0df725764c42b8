"""The words of the overview and compare pages, in English and Dutch."""

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Ecosystem overview",
        "central": "Who is most linked",
        "brokers": "Who links groups",
        "groups": "Groups that work together",
        "binding": "Partnerships that bind the most",
        "ranks": "The most linked of each kind",
        "method": "How this is computed",
        "links": "links",
        "binds": "binds {n} organisations",
        "around": "around",
        "and-more": "and {n} more",
        "group": "Group",
        "links-groups": "links groups",
        "rank": "{rank} of {total}",
        "compare": "Compare two entities",
        "shared-partners": "Partners of both",
        "shared-places": "Places of both",
        "shared-themes": "Themes of both",
        "linked": "They are linked directly.",
        "not-linked": "They are not linked directly.",
        "nothing": "nothing",
        "compare-title": "{a} and {b}",
        "how-linked": "How are they linked?",
        "method-text": (
            "Only links between actors count (membership, partnership, deal, investment, site, post, "
            "funding): sharing a city or a theme links no one; places and themes only name the groups. "
            "{actors} actors, {links} links between them. Betweenness from {sources} of {actors} "
            "sources (sampled when fewer); groups by Louvain community detection with seed {seed}: "
            "another seed can draw the borders slightly differently."
        ),
    },
    "nl": {
        "title": "Overzicht van het ecosysteem",
        "central": "Wie de meeste verbindingen heeft",
        "brokers": "Wie groepen verbindt",
        "groups": "Groepen die samenwerken",
        "binding": "Samenwerkingen die de meeste organisaties binden",
        "ranks": "De best verbonden per soort",
        "method": "Hoe dit berekend is",
        "links": "verbindingen",
        "binds": "bindt {n} organisaties",
        "around": "rond",
        "and-more": "en {n} andere",
        "group": "Groep",
        "links-groups": "verbindt groepen",
        "rank": "{rank} van {total}",
        "compare": "Vergelijk twee entiteiten",
        "shared-partners": "Partners van beide",
        "shared-places": "Plaatsen van beide",
        "shared-themes": "Thema's van beide",
        "linked": "Ze zijn rechtstreeks verbonden.",
        "not-linked": "Ze zijn niet rechtstreeks verbonden.",
        "nothing": "niets",
        "compare-title": "{a} en {b}",
        "how-linked": "Hoe zijn ze verbonden?",
        "method-text": (
            "Alleen verbindingen tussen actoren tellen (lidmaatschap, samenwerking, deal, investering, "
            "vestiging, functie, financiering): dezelfde stad of hetzelfde thema verbindt niemand; "
            "plaatsen en thema's geven de groepen alleen hun naam. {actors} actoren, {links} "
            "verbindingen daartussen. Tussenliggendheid uit {sources} van {actors} bronnen (een "
            "steekproef als dat minder is); groepen door Louvain-gemeenschapsdetectie met seed {seed}: "
            "een andere seed kan de grenzen iets anders trekken."
        ),
    },
}
