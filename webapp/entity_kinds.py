"""Index pages by kind: `/kinds` (every kind with its count) and `/kinds/<Kind>` (its members,
filtered by text, narrower kind and place, a page at a time), each with a JSON twin (`.json`)."""

from __future__ import annotations

import math
from collections import Counter
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for
from flask_babel import gettext

from graph.entity.indexes import KindTree, Member, kind_members, labels_of
from graph.entity.search import normalise
from webapp.app_store import get_store
from webapp.entity_pages import language
from webapp.entity_view import Links, pick
from webapp.export import get_kind_tree
from webapp.search_page import BadParameter

blueprint = Blueprint("kinds", __name__)

PER_PAGE = 100  # members on a page unless `per_page` asks otherwise
MAX_PER_PAGE = 1000


def _html(body: str, status: int = 200) -> Response:
    return Response(body, status=status, mimetype="text/html")


def _kind_dict(tree: KindTree, name: str, lang: str) -> dict:
    info = tree.kinds[name]
    shown = set(tree.browsable())
    return {**info.as_dict(), "label": info.label(lang), "href": f"{request.script_root}/kinds/{name}",
            "narrower": [n for n in info.narrower if n in shown]}


@blueprint.route("/kinds")
@blueprint.route("/kinds.json", endpoint="overview_json")
def overview() -> Response:
    """Every kind with members, as a tree under the root kinds."""
    tree, lang = get_kind_tree(), language()
    kinds = {name: _kind_dict(tree, name, lang) for name in tree.browsable()}
    if request.path.endswith(".json"):
        return jsonify(roots=tree.roots(), kinds=list(kinds.values()))
    return _html(render_template("entity/kinds.html", roots=tree.roots(), kinds=kinds, lang=lang))


def _unknown(name: str, tree: KindTree, as_json: bool) -> Response:
    allowed = tree.browsable()
    message = gettext("no kind %(name)s", name=repr(name))
    if as_json:
        response = jsonify(error=message, parameter="kind", allowed=allowed)
        response.status_code = 404
        return response
    return _html(render_template("entity/kinds.html", roots=tree.roots(), lang=language(),
                                 kinds={n: _kind_dict(tree, n, language()) for n in allowed},
                                 missing=name), 404)


def _bad_parameter(parameter: str, message: str, as_json: bool, status: int = 400,
                   **more: object) -> Response:
    if not as_json:
        return _html(render_template("error.html", status=status, message=message), status)
    response = jsonify(error=message, parameter=parameter, **more)
    response.status_code = status
    return response


def _bad_filter(parameter: str, value: str, allowed: list[str], as_json: bool) -> Response:
    message = gettext("%(parameter)s=%(value)s is not one of the choices here; allowed: %(allowed)s",
                      parameter=parameter, value=repr(value), allowed=", ".join(allowed))
    return _bad_parameter(parameter, message, as_json, allowed=allowed)


def _whole_number(parameter: str, default: int, highest: int) -> int:
    """The query parameter as a whole number from 1 to `highest` (BadParameter if it is not)."""
    value = request.args.get(parameter, "").strip()
    if not value:
        return default
    # ASCII digits only, and no longer than the highest (int() refuses thousands of digits)
    if not (value.isascii() and value.isdigit() and len(value) <= len(str(highest))) \
            or not 1 <= int(value) <= highest:
        shown = value if len(value) <= 40 else value[:40] + "…"
        message = gettext("%(parameter)s=%(value)s must be a whole number from 1 to %(highest)s",
                          parameter=parameter, value=repr(shown), highest=f"{highest:,}")
        raise BadParameter(parameter, message)
    return int(value)


def _page_href(route_name: str, page: int) -> str:
    """Another page of this list (`route_name`: the kind, with `.json` for the JSON twin), with the
    request's filters and page size."""
    # a query string of its own, not url_for's keyword arguments (`endpoint`, `_anchor`, ...)
    kept = [(name, value) for name, value in request.args.items(multi=True) if name != "page"]
    return url_for("kinds.kind", name=route_name) + "?" + urlencode([*kept, ("page", str(page))])


def _filtered(members: list[Member], text: str, narrower: str, place: str) -> list[Member]:
    query = normalise(text)
    return [m for m in members
            if (not query or any(query in normalise(label) for label in m.labels.values()))
            and (not narrower or m.kind == narrower) and (not place or place in m.places)]


@blueprint.route("/kinds/<name>")
def kind(name: str) -> Response:
    """The members of one kind (narrower kinds included); filters: q (text), sub (a narrower kind),
    place (the id of the place they are located in); page and per_page (100 unless asked)."""
    route_name, as_json = name, name.endswith(".json")
    name = name.removesuffix(".json")
    tree, lang = get_kind_tree(), language()
    if name not in tree.browsable():
        return _unknown(name, tree, as_json)
    base_iri = current_app.config["LSHKG_BASE_IRI"]
    links = Links(base_iri, request.script_root)
    members = kind_members(get_store(), name)
    sub_counts = Counter(m.kind for m in members)
    place_counts = Counter(p for m in members for p in m.places)
    place_labels = labels_of(get_store(), sorted(place_counts))
    text, sub = request.args.get("q", ""), request.args.get("sub", "")
    place = request.args.get("place", "")
    if sub and sub not in sub_counts:
        return _bad_filter("sub", sub, sorted(sub_counts), as_json)
    place_iri = base_iri + place if place else ""
    if place and place_iri not in place_counts:
        return _bad_filter("place", place, sorted(links.entity_id(p) or p for p in place_counts), as_json)
    try:
        page, per_page = _whole_number("page", 1, 10**9), _whole_number("per_page", PER_PAGE, MAX_PER_PAGE)
    except BadParameter as bad:
        return _bad_parameter(bad.parameter, str(bad), as_json)
    shown = _filtered(members, text, sub, place_iri)
    pages = max(1, math.ceil(len(shown) / per_page))
    if page > pages:
        message = gettext("page %(page)s is past the last page, %(pages)s (of %(per_page)s members each)",
                          page=page, pages=pages, per_page=per_page)
        return _bad_parameter("page", message, as_json, status=404, pages=pages)
    on_page = shown[(page - 1) * per_page: page * per_page]

    def place_ref(iri: str) -> dict:
        return {"id": links.entity_id(iri) or iri, "label": pick(place_labels.get(iri, {}), lang, iri),
                "href": links.href(iri)}

    body = {
        "kind": name, "labels": tree.kinds[name].labels, "count": len(members), "shown": len(shown),
        "filters": {"q": text, "sub": sub, "place": place},
        "page": page, "pages": pages, "per_page": per_page, "first": (page - 1) * per_page + 1,
        "previous": _page_href(route_name, page - 1) if page > 1 else None,
        "next": _page_href(route_name, page + 1) if page < pages else None,
        "subkinds": [{"name": k, "label": tree.kinds[k].label(lang) if k in tree.kinds else k, "count": n}
                     for k, n in sorted(sub_counts.items())],
        "places": sorted(({**place_ref(p), "count": n} for p, n in place_counts.items()),
                         key=lambda ref: ref["label"].casefold()),
        "members": [{"iri": m.iri, "id": links.entity_id(m.iri), "label": m.label(lang), "labels": m.labels,
                     "kind": m.kind,
                     "kind_label": tree.kinds[m.kind].label(lang) if m.kind in tree.kinds else m.kind,
                     "href": links.href(m.iri), "places": [place_ref(p) for p in m.places]}
                    for m in on_page],
    }
    if as_json:
        return jsonify(body)
    return _html(render_template("entity/kind.html", data=body, lang=lang,
                                 title=tree.kinds[name].label(lang)))
