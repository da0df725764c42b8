"""`/figures`: the sector in figures, a chart and a table per measure, where sources that differ
stand side by side; its JSON twin `/figures.json` and each measure's data as CSV
(`/figures/<measure>.csv`, or every figure at `/figures.csv`).

`?subject=<id>` keeps the figures about one entity; `?lang=nl` speaks Dutch.
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask_babel import gettext, pgettext

from graph.entity.facts import entity_exists
from graph.insight.figures import Figure, MeasureFigures, as_dict, load_figures, measure_figures, names
from webapp.app_cache import app_cached
from webapp.app_store import get_store
from webapp.entity_view import Links, pick
from webapp.insight_requests import BadParameter, answer_errors, language

blueprint = Blueprint("figures", __name__)
answer_errors(blueprint)

CSV_COLUMNS = ("measure", "subject", "category", "period", "year", "year_end", "qualifier", "value", "unit",
               "source", "quote", "differing", "observation")
def texts() -> dict[str, str]:
    """The figures page's words in the page's language."""
    return {
        "title": gettext("The sector in figures"),
        "differ": gettext("sources differ"),
        "source": gettext("source"),
        "intro": gettext(
            "Every figure the documents give, grouped by measure. Where two sources "
            "give different values for the same measure, subject and period, both are "
            "shown, marked as differing."
        ),
        "subject": gettext("about"),
        "category": gettext("breakdown"),
        "period": gettext("year"),
        "value": gettext("value"),
        "figures": gettext("figures"),
        "measures": gettext("measures"),
        "none": gettext("No figures about this entity."),
        "all": gettext("all figures"),
        "about-one": gettext("Figures about"),
        "general": gettext("general knowledge"),
    }
def qualifiers() -> dict[str, str]:
    """How a figure is qualified, in the page's language."""
    return {
        "about": pgettext("figure qualifier", "about"),
        "more-than": pgettext("figure qualifier", "more than"),
        "at-least": pgettext("figure qualifier", "at least"),
        "less-than": pgettext("figure qualifier", "less than"),
        "up-to": pgettext("figure qualifier", "up to"),
    }


MAX_SUBJECT = 200


def _subject(links: Links) -> str | None:
    ident = request.args.get("subject", "")
    if not ident:
        return None
    if len(ident) > MAX_SUBJECT:
        raise BadParameter("subject", gettext("subject is longer than %(n)s characters", n=MAX_SUBJECT))
    if not entity_exists(get_store(), links.base_iri + ident):
        raise BadParameter("subject", gettext("subject=%(value)s is no entity here", value=repr(ident)),
                           status=404)
    return links.base_iri + ident


def get_figures() -> list[Figure]:
    """Every figure of the store, read on first use and kept for the process's life (the store
    does not change under a running server); the figures page and entity pages share it."""
    return app_cached("lshkg.figures", lambda app: load_figures(get_store()))


def _measures(subject: str | None) -> list[MeasureFigures]:
    return measure_figures(get_figures(), subject=subject)


def _figure_view(figure: Figure, labels: dict, links: Links, lang: str, differing: bool) -> dict:
    def name(iri: str | None) -> str:
        return links.name(iri, labels.get(iri, {}), lang) if iri else ""

    return as_dict(figure) | {
        "id": links.entity_id(figure.iri), "subject_label": name(figure.subject),
        "subject_href": links.href(figure.subject), "category_label": name(figure.category),
        "unit_label": name(figure.unit), "source_label": name(figure.source),
        "source_href": links.href(figure.source) if figure.source else None,
        "qualifier_label": qualifiers().get(figure.qualifier or "", figure.qualifier or ""),
        "differing": differing}


def _measure_view(measure: MeasureFigures, labels: dict, links: Links, lang: str) -> dict:
    ident = links.entity_id(measure.measure) or measure.measure
    return {"id": ident, "label": pick(labels.get(measure.measure, {}), lang, ident),
            "differing": measure.differing, "sources": len(measure.sources),
            "comparisons": [
                {"differing": c.differing, "values": c.values,
                 "figures": [_figure_view(f, labels, links, lang, c.differing) for f in c.figures]}
                for c in measure.comparisons]}


def _view(lang: str) -> tuple[list[dict], str | None, str]:
    links = Links(current_app.config["LSHKG_BASE_IRI"], request.script_root)
    subject = _subject(links)
    measures = _measures(subject)
    labels = names(get_store(), measures)
    subject_label = links.name(subject, labels.get(subject, {}), lang) if subject else ""
    return [_measure_view(m, labels, links, lang) for m in measures], subject, subject_label


@blueprint.route("/figures")
@blueprint.route("/figures.json", endpoint="figures_json")
def figures() -> Response:
    lang = language()
    measures, subject, subject_label = _view(lang)
    if request.path.endswith(".json"):
        return jsonify(lang=lang, subject=subject, measures=measures)
    return Response(render_template("figures/figures.html", lang=lang, text=texts(), measures=measures,
                                    subject=request.args.get("subject", ""), subject_label=subject_label,
                                    figure_count=sum(len(c["figures"]) for m in measures
                                                     for c in m["comparisons"])),
                    mimetype="text/html")


def _csv(measures: list[dict], stem: str) -> Response:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for measure in measures:
        for comparison in measure["comparisons"]:
            for figure in comparison["figures"]:
                writer.writerow(figure | {
                    "measure": measure["label"], "subject": figure["subject_label"],
                    "category": figure["category_label"], "value": figure["value_text"],
                    "unit": figure["unit_label"], "source": figure["source_label"],
                    "qualifier": figure["qualifier_label"], "observation": figure["iri"]})
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="lsh-kg-figures-{stem}.csv"'
    return response


@blueprint.route("/figures.csv")
def all_figures_csv() -> Response:
    return _csv(_view(language())[0], "all")


@blueprint.route("/figures/<measure>.csv")
def measure_csv(measure: str) -> Response | tuple[Response, int]:
    chosen = [m for m in _view(language())[0] if m["id"] == measure]
    if not chosen:
        message = gettext("no figures of a measure %(value)s", value=repr(measure))
        return jsonify(error=message, parameter="measure"), 404
    return _csv(chosen, measure)
