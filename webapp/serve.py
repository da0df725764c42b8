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

    def load(self):
        return create_app()


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
