"""What the insight pages know of one entity, for its page: its rank among its kind by links with
other actors, the figures about it (each with its document) and where to read more (its figures,
its timeline)."""

from __future__ import annotations

from flask import request
from flask_babel import gettext

from graph.insight.figures import measure_figures, names
from graph.insight.overview import overview
from graph.store.backends import Store
from webapp.entity_view import Links, pick
from webapp.figures import get_figures
from webapp.map_state import get_map_model

__all__ = ["entity_insight"]

MAX_FIGURES = 8


def _words() -> dict[str, str]:
    return {"figures": gettext("In figures"), "all-figures": gettext("All figures about it"),
            "timeline": gettext("Timeline"), "rank-title": gettext("Among its kind")}


def entity_insight(store: Store, iri: str, ident: str, links: Links, lang: str) -> dict:
    model = get_map_model()
    words = _words()
    root = request.script_root
    found = overview(model) if iri in model.graph else None
    actor = found.actors.get(iri) if found else None
    rank = gettext("%(rank)s of %(total)s by links with other actors (%(kind)s)", rank=actor.rank_in_kind,
                   total=actor.of_kind, kind=model.family[iri].labels.get(lang, "")) if actor else None
    measures = measure_figures(get_figures(), subject=iri)
    labels = names(store, measures) if measures else {}
    def unit(iri: str | None) -> str:
        return pick(labels.get(iri or "", {}), lang)

    figures = [{"measure": pick(labels.get(m.measure, {}), lang, m.measure),
                "value": " ".join(x for x in (figure.value_text, unit(figure.unit)) if x),
                "period": figure.period, "quote": figure.quote,
                "source": pick(labels.get(figure.source or "", {}), lang)}
               for m in measures for figure in m.figures][:MAX_FIGURES]
    return {"words": words, "rank": rank, "figures": figures,
            "figures_href": f"{root}/figures?subject={ident}&lang={lang}" if measures else None,
            "timeline_href": f"{root}/timeline?entity={ident}&lang={lang}" if iri in model.graph else None}
