"""Per-client rate limits on the expensive routes (`/sparql`, `/api/export`): 429 with Retry-After.

Counts live in a small SQLite file beside the store so that every server process shares them
(an in-memory counter would count per process).
"""

from __future__ import annotations

import logging
import math
import sqlite3
import threading
import time
from pathlib import Path

from flask import Flask, Response, g, jsonify, request

__all__ = ["EXTENSION", "RateLimiter", "init_app", "too_many"]

LIMITED_PREFIXES = ("/sparql", "/api/export", "/api/bundle", "/api/construct-network")
WINDOW_S = 60
EXTENSION = "lshkg.ratelimit"

log = logging.getLogger("lshkg.ratelimit")


class RateLimiter:
    """A fixed one-minute window per client and route group."""

    def __init__(self, path: Path, per_minute: int) -> None:
        self.path = path
        self.per_minute = per_minute
        self._local = threading.local()
        path.parent.mkdir(parents=True, exist_ok=True)
        with self._connection() as connection:
            connection.execute("CREATE TABLE IF NOT EXISTS hits (client TEXT, route TEXT, window INTEGER,"
                               " count INTEGER, PRIMARY KEY (client, route, window))")

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=5, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            # counts need not survive a power cut: no fsync per request (a fifth of a millisecond)
            connection.execute("PRAGMA synchronous=OFF")
            self._local.connection = connection
        return connection

    def hit(self, client: str, route: str, now: float | None = None) -> float:
        """Count one request; 0 if allowed, else the seconds until the client may try again."""
        now = time.time() if now is None else now
        window = int(now // WINDOW_S)
        connection = self._connection()
        (count,) = connection.execute(
            "INSERT INTO hits VALUES (?, ?, ?, 1) ON CONFLICT(client, route, window) "
            "DO UPDATE SET count = count + 1 RETURNING count", (client, route, window)).fetchone()
        if count == 1 and window % 10 == 0:
            connection.execute("DELETE FROM hits WHERE window < ?", (window - 1,))
        if count <= self.per_minute:
            return 0.0
        return (window + 1) * WINDOW_S - now

    def refusal(self, client: str, path: str) -> tuple[str, int] | None:
        """Count a request to `path` if it is a limited route; None if allowed, else the message
        and the whole seconds to wait (Retry-After)."""
        route = _limited_route(path)
        if route is None:
            return None
        wait = self.hit(client, route)
        if not wait:
            return None
        seconds = max(1, math.ceil(wait))
        log.info("rate limited %s on %s", client, route)
        return (f"too many requests: at most {self.per_minute} a minute to {route} per client; "
                f"try again in {seconds} s", seconds)


def too_many(message: str, seconds: int, *, request_id: str, as_json: bool) -> Response:
    """The 429 answer, in JSON for the API, else as text, with Retry-After."""
    response = (jsonify(error=message, status=429, request_id=request_id) if as_json
                else Response(message + "\n", mimetype="text/plain"))
    response.status_code = 429
    response.headers["Retry-After"] = str(seconds)
    return response


def _limited_route(path: str) -> str | None:
    return next((prefix for prefix in LIMITED_PREFIXES if path.startswith(prefix)), None)


def init_app(app: Flask) -> None:
    per_minute = int(app.config.get("LSHKG_RATE_LIMIT_PER_MINUTE", 0))
    if per_minute <= 0:
        return
    # beside the store, in the data folder, where the app may write
    limiter = RateLimiter(Path(app.config["LSHKG_STORE_DIR"]).parent / "ratelimit.sqlite", per_minute)
    app.extensions[EXTENSION] = limiter

    @app.before_request
    def limit() -> Response | None:
        if request.method == "OPTIONS":
            return None
        refused = limiter.refusal(request.remote_addr or "unknown", request.path)
        if refused is None:
            return None
        return too_many(*refused, request_id=g.get("request_id", ""),
                        as_json=request.path.startswith("/api/"))
