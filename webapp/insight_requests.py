"""What the insight pages (figures, overview, compare, paths, timeline) read from a request alike:
the language, an entity named by its id, and a bad parameter answered as HTML for a page and as
JSON for its twin, naming the parameter (and a store that does not answer, as a 503)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request
from flask_babel import gettext

from graph.network.model import MapModel
from graph.store.backends import StoreUnavailable
from webapp.i18n import LANGUAGES, current_language, say

__all__ = ["LANGUAGES", "BadParameter", "answer_errors", "entity_parameter", "language"]

MAX_ID = 200


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.parameter, self.status = parameter, status


def language() -> str:
    """The page's language (`?lang=`, the cookie, Accept-Language, else English); a `lang` that is
    not one of ours is a bad parameter."""
    lang = request.args.get("lang")
    if lang is not None and lang not in LANGUAGES:
        raise BadParameter("lang", gettext("lang=%(lang)s is not a language here; allowed: en, nl",
                                           lang=repr(lang)))
    return current_language()


def entity_parameter(model: MapModel, name: str) -> str:
    """The map's node the parameter `name` names (an id such as lumc); 400 when missing, 404 when
    no such entity is on the map."""
    value = request.args.get(name, "")[:MAX_ID]
    if not value:
        raise BadParameter(name, gettext("%(name)s is missing: give the id of an entity, e.g. %(name)s=lumc",
                                         name=name))
    iri = model.resolve(value)
    if iri is None:
        raise BadParameter(name, gettext("%(name)s=%(value)s is no entity on the map", name=name,
                                         value=repr(value)), status=404)
    return iri


def answer_errors(blueprint: Blueprint) -> None:
    """Bad parameters of the blueprint's routes: an HTML error page, or JSON for the JSON twin and
    the CSV files; a store that does not answer: 503 with the reason."""

    @blueprint.errorhandler(StoreUnavailable)
    def store_unavailable(error: StoreUnavailable) -> tuple[Response, int]:
        return jsonify(error=say(error)), 503

    @blueprint.errorhandler(BadParameter)
    def bad_parameter(error: BadParameter) -> tuple[Response, int]:
        if not request.path.endswith((".json", ".csv")):
            page = render_template("error.html", status=error.status, message=str(error))
            return Response(page, mimetype="text/html"), error.status
        return jsonify(error=str(error), parameter=error.parameter), error.status
