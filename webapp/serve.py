"""Run the app under gunicorn, a production WSGI server (Flask's own server only with --dev)."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication

from webapp import create_app

__all__ = ["serve"]


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):  # gunicorn's hook, run in each worker after the fork
        # the worker's own store, map model and search index, built before its first request
        # rather than during it (seconds on a large graph)
        app = create_app()
        with app.app_context():
            from webapp.map_state import get_map_model
            from webapp.search_index import get_search_index
            from webapp.store import get_store

            try:
                get_map_model()
                get_search_index()
                pool = getattr(get_store(), "pool", None)
                if pool is not None:
                    pool()  # the embedded store's query workers, started now
            except Exception:  # a store not reachable yet: requests will say so with a 503
                app.logger.warning("warm-up skipped: the store did not answer")
        return app


def serve(host: str, port: int, *, workers: int, threads: int) -> None:
    """Serve until SIGTERM or SIGINT; gunicorn stops the workers cleanly."""
    _Server({
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "control_socket_disable": True,  # gunicorn 27 would otherwise create ~/.gunicorn/
        "accesslog": None,  # the app writes one JSON line per request, with its request id
        "graceful_timeout": 10,
    }).run()
