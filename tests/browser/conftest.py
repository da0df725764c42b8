"""The browser tests' shared fixtures: one headless Chromium per module, and the app over the shipped
graph on a loopback port (tests/browser/chromium.py: `chromium`, `serve_app`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.store.backends import EmbeddedStore
from tests.browser.chromium import chromium, serve_app


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium for the module's tests; each test opens its own context in it."""
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def shipped_url(shipped_store: EmbeddedStore) -> Iterator[str]:
    """The base URL of the app over the shipped graph, served in a thread for the module."""
    with serve_app(shipped_store.path) as url:
        yield url
