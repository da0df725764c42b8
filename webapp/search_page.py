"""`/search?q=`: the search page over the keystroke index (Dutch and English names, abbreviations,
typos, accents), and its JSON twin `/search.json`."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, jsonify, render_template, request
from flask_babel import gettext

from graph.entity.imported import imports_of
from webapp.app_store import get_store
from webapp.entity_view import Links
from webapp.export import get_kind_tree
from webapp.i18n import LANGUAGES, current_language
from webapp.search_index import get_search_index

blueprint = Blueprint("search_page", __name__)

MAX_LIMIT = 100
MAX_QUERY = 200


class BadParameter(ValueError):
    def __init__(self, parameter: str, message: str, allowed: list[str] | None = None) -> None:
        super().__init__(message)
        self.parameter, self.allowed = parameter, allowed or []


def _arguments() -> tuple[str, str, int, list[str]]:
    text = request.args.get("q", "")
    if len(text) > MAX_QUERY:
        raise BadParameter("q", gettext("q is longer than %(n)s characters", n=MAX_QUERY))
    lang = request.args.get("lang", current_language())  # given but empty is an error, as any other
    if lang not in LANGUAGES:
        raise BadParameter("lang", gettext("lang=%(lang)s is not a language here", lang=repr(lang)),
                           list(LANGUAGES))
    try:
        limit = int(request.args.get("limit", "25"))
    except ValueError:
        limit = 0
    if not 1 <= limit <= MAX_LIMIT:
        raise BadParameter("limit", gettext("limit must be a whole number from 1 to %(n)s", n=MAX_LIMIT))
    kinds = [k for k in request.args.getlist("kind") if k]
    allowed = get_kind_tree().browsable()
    for kind in kinds:
        if kind not in allowed:
            raise BadParameter("kind", gettext("kind=%(kind)s is not a kind", kind=repr(kind)), allowed)
    return text, lang, limit, kinds


def in_language(hit: dict, lang: str) -> dict:
    """A hit with its kind named in `lang` (the index keeps the English name)."""
    tree, name = get_kind_tree(), str(hit.get("kind", "")).rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return {**hit, "kindLabel": tree.kinds[name].label(lang)} if name in tree.kinds else hit


def _hits(text: str, lang: str, limit: int, kinds: list[str]) -> list[dict]:
    tree = get_kind_tree()
    wanted = set().union(*(tree.closure(k) for k in kinds)) if kinds else ()
    links = Links(current_app.config["LSHKG_BASE_IRI"], request.script_root)
    hits = get_search_index().search(text, language=lang, limit=limit, kinds=wanted)
    imported = imports_of(get_store(), (hit.iri for hit in hits), current_app.config["LSHKG_BASE_IRI"])
    return [in_language({**hit.as_dict(), "id": links.entity_id(hit.iri), "href": links.href(hit.iri),
                         "imported": imported.get(hit.iri, [])}, lang) for hit in hits]


def _page(status: int = 200, **context: object) -> Response:
    tree, lang = get_kind_tree(), current_language()
    context.setdefault("kinds", [(name, tree.kinds[name].label(lang) if name in tree.kinds else name)
                                 for name in tree.browsable()])
    return Response(render_template("search/search.html", **context), status=status, mimetype="text/html")


@blueprint.route("/search")
@blueprint.route("/search.json", endpoint="search_json")
def search() -> Response | tuple[Response, int]:
    as_json = request.path.endswith(".json")
    try:
        text, lang, limit, kinds = _arguments()
    except BadParameter as bad:
        if as_json:
            return jsonify(error=str(bad), parameter=bad.parameter, allowed=bad.allowed), 400
        return _page(400, query="", lang=current_language(), chosen=[], hits=[], error=str(bad))
    hits = _hits(text, lang, limit, kinds) if text.strip() else []
    if as_json:
        return jsonify(query=text, lang=lang, kinds=kinds, hits=hits)
    return _page(query=text, lang=lang, chosen=kinds, hits=hits, error=None)
