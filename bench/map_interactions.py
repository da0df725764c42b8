"""What a visitor does on the map after the first view, timed in headless Chromium: a filter, a search
that focuses an organisation (one drawn, one not drawn, which the page then expands into the view)
and an expand by double-click. Each is timed from the gesture to the page's next drawn and
stabilised view (`#map-app[data-state=ready]` with a new view query), on a fresh page each time.
"""

from __future__ import annotations

import contextlib
import statistics
import time
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.chromium import Server
from tests.browser.map_page import READY, click_node, move_node_into_view, view_query, wait_for_new_view

__all__ = ["GESTURES", "time_gestures"]

TIMEOUT_MS = 180_000
FILTER_FAMILY = "company"  # the legend's largest family of organisations
GESTURES = ("filter: companies only", "search to focus: a drawn hub",
            "search to focus: an organisation not drawn", "expand: double-click a neighbour of a hub")


def _label(node: dict) -> str:
    labels = node.get("labels", {})
    return labels.get("en") or labels.get("nl") or next(iter(labels.values()), node["id"])


def _open(browser: Any, server: Server, query: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(server.url + "/" + ("?" + query if query else ""))
    page.wait_for_selector(READY, state="attached")
    return context, page


def _filter(page: Any) -> dict:
    before = view_query(page)
    started = time.perf_counter()
    page.check(f"#legend li[data-family='{FILTER_FAMILY}'] input")
    wait_for_new_view(page, before)
    return {"seconds": time.perf_counter() - started}


def _search_to_focus(page: Any, node: dict) -> dict:
    """Type the name (as pasted: one input event), wait for its suggestion, choose it: the suggestions'
    time, then the time from the choice to the node selected in a drawn, stable view."""
    started = time.perf_counter()
    page.fill("#map-search", _label(node))
    list_id = page.get_attribute("#map-search", "aria-controls")
    option = page.wait_for_selector(f"#{list_id} li[data-id='{node['id']}']")
    suggested = time.perf_counter()
    option.dispatch_event("mousedown")
    page.wait_for_selector(f"#map-panel[data-node='{node['id']}']", state="attached")
    page.wait_for_function("(id) => document.getElementById('map-app').dataset.state === 'ready'"
                           " && window.lshkgMap.network.getSelectedNodes().includes(id)", arg=node["id"])
    ended = time.perf_counter()
    return {"seconds": ended - suggested, "suggestions_s": suggested - started}


def _wait_until_still(page: Any, node_id: str) -> None:
    """Until the node moves less than 3 canvas units in a fifth of a second (a minute at most): the
    physics may still be moving a large view after the page is ready, and a double-click where the
    node was a moment before lands on a link or on nothing."""
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """(id) => { const at = window.lshkgMap.network.getPositions([id])[id], now = performance.now();
            const last = window.lshkgStill;
            if (last && Math.hypot(at.x - last.x, at.y - last.y) < 3) { return now - last.since > 200; }
            window.lshkgStill = { x: at.x, y: at.y, since: now }; return false; }""",
            arg=node_id, polling=50, timeout=60_000)


def _expand(page: Any, node_id: str) -> dict:
    _wait_until_still(page, node_id)
    move_node_into_view(page, node_id)
    before = view_query(page)
    started = time.perf_counter()
    click_node(page, node_id, double=True)
    wait_for_new_view(page, before)
    return {"seconds": time.perf_counter() - started,
            "drawn": page.evaluate("window.lshkgMap.nodes.length")}


def time_gestures(browser: Any, server: Server, whole: dict, hub_view: dict, hub_id: str,
                  runs: int) -> dict[str, dict]:
    """Median seconds from each gesture to the next drawn, stable view, over `runs` fresh pages.

    `whole` is the whole-graph view's JSON, `hub_view` the hub's 1-step neighbourhood's: the drawn hub
    is the whole view's most connected organisation, the one not drawn comes from the hub's
    neighbourhood, the neighbour to expand is the hub view's most connected other organisation."""
    drawn = {node["id"] for node in whole["nodes"]}
    hub = next(node for node in whole["nodes"] if node["id"] == hub_id)
    neighbours = sorted((n for n in hub_view["nodes"] if n["id"] != hub_id), key=lambda n: -n["degree"])
    hidden = next((n for n in neighbours if n["id"] not in drawn and n["family"] == "company"),
                  next((n for n in neighbours if n["id"] not in drawn), None))
    plans: dict[str, tuple[str, Any]] = {
        GESTURES[0]: ("", _filter),
        GESTURES[1]: ("", lambda page: _search_to_focus(page, hub)),
        GESTURES[3]: (f"focus={hub_id}&depth=1", lambda page: _expand(page, neighbours[0]["id"])),
    }
    if hidden is not None:
        plans[GESTURES[2]] = ("", lambda page: _search_to_focus(page, hidden))
    results: dict[str, dict] = {}
    for name in GESTURES:
        if name not in plans:
            results[name] = {"error": "every neighbour of the hub is drawn in the whole view"}
            continue
        query, gesture = plans[name]
        samples = []
        try:
            for _ in range(runs):
                context, page = _open(browser, server, query)
                try:
                    samples.append(gesture(page))
                finally:
                    context.close()
        except Exception as error:  # one gesture failing must not lose the others' figures
            results[name] = {"error": f"{type(error).__name__}: {str(error)[:300]}"}
            print(f"   {name}: failed: {results[name]['error']}", flush=True)
            continue
        results[name] = {"ready_ms": round(1000 * statistics.median(s["seconds"] for s in samples)),
                         "ready_ms_runs": [round(1000 * s["seconds"]) for s in samples],
                         "start_query": query}
        if "suggestions_s" in samples[0]:
            results[name]["suggestions_ms"] = round(1000 * statistics.median(s["suggestions_s"]
                                                                               for s in samples))
        if "drawn" in samples[0]:
            results[name]["drawn"] = samples[-1]["drawn"]
        print(f"   {name:<46} ready {results[name]['ready_ms']:>6} ms"
              + (f" (suggestions {results[name]['suggestions_ms']} ms)" if "suggestions_ms" in results[name]
                 else ""), flush=True)
    return results
