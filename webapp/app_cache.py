"""Things an app builds once, on first use, and keeps for its process's life (the store, the
search index, the map model): built under a lock so that concurrent first requests build one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app

__all__ = ["app_cached", "forget"]

T = TypeVar("T")
_LOCK = threading.RLock()


def app_cached(key: str, build: Callable[[Flask], T]) -> T:
    """The current app's `key` object, built by `build(app)` the first time."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    value = app.extensions.get(key)
    if value is None:
        with _LOCK:
            value = app.extensions.get(key)
            if value is None:
                value = build(app)
                app.extensions[key] = value
    return value


def forget(app: Flask, key: str) -> object | None:
    """Drop a cached object (returning it, for closing)."""
    return app.extensions.pop(key, None)
