"""axe-core (the npm package the setup installs) run in a real page: the accessibility violations a
person using a screen reader or the keyboard would meet.

    violations = serious_violations(page)          # after page.goto(...)
    assert violations == [], describe(violations)

axe's source is evaluated through the browser's debugging protocol, so the page's
Content-Security-Policy (no inline script) stays as it is for everything else.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tests.browser.chromium import ROOT

AXE = ROOT / "webapp" / "frontend" / "node_modules" / "axe-core" / "axe.js"
SERIOUS = ("serious", "critical")

__all__ = ["SERIOUS", "describe", "serious_violations", "violations"]


@cache
def _source() -> str:
    return AXE.read_text(encoding="utf-8")


def violations(page: Any, impacts: tuple[str, ...] = SERIOUS) -> list[dict]:
    """axe's violations on the page as it is now, of the given impacts (WCAG 2.1 A and AA rules)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_source() + "\n;undefined")
    found = page.evaluate("""() => window.axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
        resultTypes: ['violations']}).then(r => r.violations)""")
    return [each for each in found if each.get("impact") in impacts]


def serious_violations(page: Any) -> list[dict]:
    return violations(page, SERIOUS)


def describe(found: list[dict]) -> str:
    """One line per rule and element: enough to find and fix it."""
    return "\n".join(f"{each['impact']}: {each['id']} ({each['help']}): {node['target']}"
                     for each in found for node in each["nodes"][:5])
