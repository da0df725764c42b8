"""The parameters of a map view, read from a URL's query and checked: one place that knows them all.

The page keeps its whole state in these (so a link reproduces the view), the JSON API takes the same
ones, and an export of the current view is asked for with them. Every error names its parameter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Protocol
from urllib.parse import urlencode

from graph.messages import message
from graph.network.kinds import ATTRIBUTE_FAMILIES, ATTRIBUTE_PATH_AVOID, FAMILY_KEYS, PATH_AVOID
from ontology.vocabulary import load_vocabulary

__all__ = ["ATTRIBUTE_AVOID", "CLUSTER_KEY", "DEFAULTS", "DEFAULT_AVOID", "ViewError", "ViewParams",
           "parse_view_params"]

LAYOUTS = ("force", "hierarchical", "geo")
CLUSTER_MODES = ("kind", "city")
COLOURINGS = ("kind", "community")
MAX_LIST = 50  # ids in one list parameter (expand, open, kind, ...)
MAX_DEPTH = 3
CLUSTER_KEY = re.compile(r"^(kind:[a-z-]+|city:[^/]*)(/(kind:[a-z-]+|city:[^/]*))?$")
# paths run over links between actors; hops through a shared attribute only when asked
DEFAULT_AVOID = PATH_AVOID
ATTRIBUTE_AVOID = ATTRIBUTE_PATH_AVOID  # asked for shared attributes: still never through "the Netherlands"


class ArgSource(Protocol):
    def getlist(self, key: str) -> list[str]: ...

    def __iter__(self) -> Iterator[str]: ...


class ViewError(ValueError):
    """A parameter that cannot be used; `param` names it (for an HTTP 400), `message` says why (a
    `graph.messages.Message` where it can be translated)."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message


@dataclass(frozen=True)
class ViewParams:
    """One view of the map. Ids are as written in the URL (short ids or IRIs); the view resolves them."""

    kind: tuple[str, ...] = ()
    place: tuple[str, ...] = ()
    partnership: tuple[str, ...] = ()
    area: tuple[str, ...] = ()
    source: tuple[str, ...] = ()  # "shipped" and the names of users' imports
    year_from: int | None = None
    year_to: int | None = None
    focus: str | None = None
    depth: int = 1
    lens: str | None = None
    expand: tuple[str, ...] = ()
    open: tuple[str, ...] = ()
    cluster: str = "kind"
    layout: str = "force"
    physics: bool = True
    lang: str = "en"
    colour: str = "kind"
    path_from: str | None = field(default=None, metadata={"name": "from"})
    path_to: str | None = field(default=None, metadata={"name": "to"})
    avoid: tuple[str, ...] = DEFAULT_AVOID
    show: tuple[str, ...] = ()  # attribute families drawn on the map (off by default)
    select: str | None = None  # the entity whose details are open (chosen by search or click)
    at: int | None = None  # the network as it stood in this year (the year slider)
    undated: bool = True  # with `at`: keep what the sources give no date (marked), or leave it out

    @property
    def has_filters(self) -> bool:
        return bool(self.kind or self.place or self.partnership or self.area or self.source
                    or self.year_from is not None or self.year_to is not None)

    def to_query(self) -> str:
        """The canonical query string: parameters in a fixed order, defaults left out."""
        pairs: list[tuple[str, str]] = []
        for item in fields(self):
            value, name = getattr(self, item.name), item.metadata.get("name", item.name)
            if value == item.default:
                continue
            if isinstance(value, tuple):
                pairs.extend((name, v) for v in value) if value else pairs.append((name, ""))
            elif isinstance(value, bool):
                pairs.append((name, "on" if value else "off"))
            else:
                pairs.append((name, str(value)))
        return urlencode(pairs)


PARAM_NAMES = {f.metadata.get("name", f.name): f.name for f in fields(ViewParams)}
DEFAULTS = ViewParams()


def _one(args: ArgSource, name: str) -> str | None:
    values = args.getlist(name)
    if len(values) > 1:
        raise ViewError(name, message("give it once"))
    return values[0].strip() if values else None


def _choice(args: ArgSource, name: str, choices: Sequence[str], default: str) -> str:
    value = _one(args, name)
    if value is None or value == "":
        return default
    if value not in choices:
        raise ViewError(name, message("%(value)s is not one of %(choices)s", value=repr(value),
                                      choices=", ".join(choices)))
    return value


def _list(args: ArgSource, name: str) -> tuple[str, ...]:
    values = tuple(dict.fromkeys(v.strip() for v in args.getlist(name) if v.strip()))
    if len(values) > MAX_LIST:
        raise ViewError(name, message("at most %(n)s values", n=MAX_LIST))
    for value in values:
        if len(value) > 500:
            raise ViewError(name, message("a value longer than 500 characters"))
    return values


def _year(args: ArgSource, name: str) -> int | None:
    value = _one(args, name)
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value):
        raise ViewError(name, message("%(value)s is not a year (four digits)", value=repr(value)))
    return int(value)


def _kinds(values: tuple[str, ...]) -> tuple[str, ...]:
    classes = set(load_vocabulary().local_names("class"))
    for value in values:
        if value not in FAMILY_KEYS and value not in classes:
            raise ViewError("kind", message("%(value)s is neither a family (%(families)s) nor a class of the "
                                            "ontology", value=repr(value), families=", ".join(FAMILY_KEYS)))
    return values


def parse_view_params(args: ArgSource | Mapping[str, str], *, strict: bool = True) -> ViewParams:
    """Check a query's parameters (a werkzeug MultiDict, or a plain mapping) and return the view.

    `strict` refuses unknown parameter names (the API); the page ignores them.

    >>> parse_view_params({"kind": "company", "layout": "geo"}).to_query()
    'kind=company&layout=geo'
    >>> parse_view_params({"depth": "9"})
    Traceback (most recent call last):
    graph.network.params.ViewError: depth: a whole number from 1 to 3
    """
    if not hasattr(args, "getlist"):
        plain = dict(args)
        args = _Plain(plain)
    if strict:
        for name in args:
            if name not in PARAM_NAMES:
                raise ViewError(name, message("unknown parameter (known: %(known)s)",
                                              known=", ".join(PARAM_NAMES)))
    depth_text = _one(args, "depth")
    if depth_text and not (len(depth_text) < 4 and depth_text.isascii() and depth_text.isdigit()
                           and 1 <= int(depth_text) <= MAX_DEPTH):
        raise ViewError("depth", message("a whole number from 1 to %(n)s", n=MAX_DEPTH))
    physics = _choice(args, "physics", ("on", "off", "true", "false", "1", "0"), "on")
    year_from, year_to = _year(args, "year_from"), _year(args, "year_to")
    if year_from is not None and year_to is not None and year_from > year_to:
        raise ViewError("year_to", message("%(year_to)s is before year_from %(year_from)s", year_to=year_to,
                                                  year_from=year_from))
    opened = _list(args, "open")
    for key in opened:
        if not CLUSTER_KEY.match(key):
            raise ViewError("open", message("%(key)s is not a cluster key (kind:<family>, city:<id>, or both "
                                            "joined by '/')", key=repr(key)))
    avoid_values = args.getlist("avoid")
    avoid = DEFAULT_AVOID if not avoid_values else tuple(v for v in _list(args, "avoid") if v != "none")
    for value in avoid:
        if value not in FAMILY_KEYS:
            raise ViewError("avoid", message("%(value)s is not a family (%(families)s) or none",
                                             value=repr(value), families=", ".join(FAMILY_KEYS)))
    show = _list(args, "show")
    for value in show:
        if value not in ATTRIBUTE_FAMILIES:
            raise ViewError("show", message("%(value)s is not a shared attribute (%(attributes)s)",
                                            value=repr(value), attributes=", ".join(ATTRIBUTE_FAMILIES)))
    path_from, path_to = _one(args, "from") or None, _one(args, "to") or None
    if (path_from is None) != (path_to is None):
        raise ViewError("to" if path_to is None else "from", message("a path needs both from and to"))
    return ViewParams(
        kind=_kinds(_list(args, "kind")), place=_list(args, "place"), partnership=_list(args, "partnership"),
        area=_list(args, "area"), source=_list(args, "source"), year_from=year_from, year_to=year_to,
        focus=_one(args, "focus") or None,
        depth=int(depth_text) if depth_text else 1, lens=_one(args, "lens") or None,
        expand=_list(args, "expand"), open=opened,
        cluster=_choice(args, "cluster", CLUSTER_MODES, "kind"),
        layout=_choice(args, "layout", LAYOUTS, "force"), physics=physics in ("on", "true", "1"),
        lang=_choice(args, "lang", ("en", "nl"), "en"), colour=_choice(args, "colour", COLOURINGS, "kind"),
        path_from=path_from, path_to=path_to, avoid=avoid, show=show,
        select=_one(args, "select") or None, at=_year(args, "at"),
        undated=_choice(args, "undated", ("on", "off"), "on") == "on")


class _Plain:
    """A plain mapping seen as a multi-dict (one value per name)."""

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values

    def getlist(self, key: str) -> list[str]:
        return [self._values[key]] if key in self._values else []

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)
