"""Things an app builds once, on first use, and keeps for its process's life (the store, the
search index, the map model): built under a lock so that concurrent first requests build one."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

from flask import Flask, current_app

__all__ = ["app_cached", "forget", "forget_all"]

T = TypeVar("T")
_LOCK = threading.RLock()
_KEYS = "lshkg.cached-keys"  # every key app_cached has filled, so that all can be dropped at once


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
                app.extensions.setdefault(_KEYS, set()).add(key)
    return value


def forget(app: Flask, key: str) -> object | None:
    """Drop a cached object (returning it, for closing)."""
    return app.extensions.pop(key, None)


def forget_all(app: Flask) -> list[object]:
    """Drop every cached object (the store was replaced: all were made from the old one)."""
    with _LOCK:
        return [value for key in list(app.extensions.get(_KEYS, ()))
                if (value := app.extensions.pop(key, None)) is not None]
