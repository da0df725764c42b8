"""What the map's filters can be set to, with how many nodes each choice covers."""

from __future__ import annotations

from collections import Counter

from graph.network.dates import time_axis
from graph.network.kinds import FAMILIES, OTHER, family_of, kind_labels
from graph.network.model import MapModel, in_places
from graph.network.select import PLACE_PARAM_FAMILIES, sources_of

__all__ = ["filter_options"]

PLACE_ORDER = ("hotspot", "city", "science-park", "logistics-hub", "region")


def _ref(model: MapModel, iri: str, count: int) -> dict:
    return {"id": model.short_id(iri), "labels": model.graph.nodes[iri].get("labels", {}),
            "family": model.family[iri].key, "count": count}


def _by_label(item: dict) -> str:
    labels = item["labels"]
    return (labels.get("en") or next(iter(labels.values()), item["id"])).casefold()


def filter_options(model: MapModel) -> dict:
    """{families, kinds, places, partnerships, areas, sources, years: {min, max}, time}: places that
    cover nothing are left out, partnerships never (a count of 0: no members named in the sources).
    Computed once per model."""
    if "options" not in model.cache:
        model.cache["options"] = _options(model)
    return model.cache["options"]


def _options(model: MapModel) -> dict:
    families = Counter(f.key for f in model.family.values())
    kinds = Counter(data.get("kind", "") for _, data in model.graph.nodes(data=True))
    places = []
    for iri, family in model.family.items():
        if family.key in PLACE_PARAM_FAMILIES:
            covered = len(in_places(model, [iri])) - 1
            if covered or family.key == "hotspot":
                places.append(_ref(model, iri, covered))
    places.sort(key=lambda p: (PLACE_ORDER.index(p["family"]), _by_label(p)))
    # every partnership, also those whose members no source names (their count says 0)
    partnerships = sorted((_ref(model, iri, len(members)) for iri, members in model.participants.items()),
                          key=lambda p: (p["family"] != "partnership", _by_label(p)))
    areas = sorted((_ref(model, iri, len(members) - 1) for iri, members in model.area_members.items()),
                   key=_by_label)
    years = sorted(model.year.values())
    sources = Counter(source for node in model.graph for source in sources_of(model, node))
    return {
        "families": [{**f.as_dict(), "count": families[f.key]}
                     for f in (*FAMILIES, OTHER) if families[f.key]],
        "kinds": sorted(({"kind": kind, "labels": kind_labels(kind), "count": count,
                          "family": family_of(kind).key}
                         for kind, count in kinds.items() if kind), key=lambda k: k["kind"]),
        "places": places, "partnerships": partnerships, "areas": areas,
        # "shipped" first, then each user's import: the map's filter by source
        "sources": [{"id": source, "count": sources[source]}
                    for source in sorted(sources, key=lambda s: (s != "shipped", s))],
        "years": {"min": years[0], "max": years[-1]} if years else None,
        "time": time_axis(model),  # the year slider's steps: every year something began or ended
    }
