"""The network over time: when each node and link began (and ended), read from the dated facts the
documents give (founded, started, opened, joined, the year of a deal, investment or approval), and
the network as it stood in a year.

A node begins in the earliest year the sources give it (`foundedYear`, `startYear`, `year`) and
ends with its `endYear`. A link begins when both its ends exist: a membership cannot be older than
the partnership or its member. What the sources give no date is undated, never guessed: it is kept
(and marked) unless the visitor leaves the undated out.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.network.model import MapModel

__all__ = ["BEGIN_KEYS", "END_KEY", "Dates", "link_since", "model_dates", "stood_at", "time_axis"]

BEGIN_KEYS = ("foundedYear", "startYear", "year")  # the same facts /timeline lists
END_KEY = "endYear"


@dataclass(frozen=True)
class Dates:
    """Each dated node's first and (where given) last year; nodes absent from `since` are undated."""

    since: dict[str, int]
    until: dict[str, int]

    def undated(self, node: str) -> bool:
        return node not in self.since and node not in self.until


def model_dates(model: MapModel) -> Dates:
    """The dates of every node of the model, read once (kept in `model.cache`).

    >>> import networkx as nx
    >>> from graph.network.model import build_map_model
    >>> from graph.network.projection import Network
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="Company", foundedYear=2012, startYear=2015)
    >>> g.add_node("b", kind="Partnership", startYear=2013, endYear=2020)
    >>> g.add_node("c", kind="Company")
    >>> dates = model_dates(build_map_model(Network(g), ""))
    >>> dates.since, dates.until, dates.undated("c")
    ({'a': 2012, 'b': 2013}, {'b': 2020}, True)
    """
    found = model.cache.get("dates")
    if found is None:
        since, until = {}, {}
        for node, data in model.graph.nodes(data=True):
            years = [data[key] for key in BEGIN_KEYS if isinstance(data.get(key), int)]
            if years:
                since[node] = min(years)
            if isinstance(data.get(END_KEY), int):
                until[node] = data[END_KEY]
        found = model.cache["dates"] = Dates(since, until)
    return found


def link_since(dates: Dates, a: str, b: str) -> int | None:
    """The first year a link between `a` and `b` can have stood: when the later of its ends began
    (None when neither end is dated)."""
    years = [dates.since[n] for n in (a, b) if n in dates.since]
    return max(years) if years else None


def stood_at(model: MapModel, nodes: set[str], year: int, *, undated: bool = True) -> set[str]:
    """The nodes that stood in `year`: begun by then and not ended before it; the undated ones
    too unless `undated` is False."""
    dates = model_dates(model)
    kept = set()
    for node in nodes:
        if dates.undated(node):
            if undated:
                kept.add(node)
        elif dates.since.get(node, year) <= year and dates.until.get(node, year) >= year:
            kept.add(node)
    return kept


def time_axis(model: MapModel) -> dict | None:
    """The years the map's slider steps through: every year in which a node began or ended, with
    how many nodes are dated and undated; None when nothing is dated."""
    if "time-axis" in model.cache:
        return model.cache["time-axis"]
    dates = model_dates(model)
    years = sorted(set(dates.since.values()) | set(dates.until.values()))
    dated = len(set(dates.since) | set(dates.until))
    axis = {"years": years, "min": years[0], "max": years[-1], "dated": dated,
            "undated": model.graph.number_of_nodes() - dated} if years else None
    model.cache["time-axis"] = axis
    return axis
