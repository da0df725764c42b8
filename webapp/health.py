"""Health checks for orchestration: `/healthz` (the process is up), `/readyz` (the store answers)."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify

from graph.store.backends import StoreUnavailable
from graph.store.query_pool import QueryTimeout
from webapp.app_store import get_store
from webapp.i18n import say

blueprint = Blueprint("health", __name__)


@blueprint.route("/healthz")
def healthz() -> Response:
    return jsonify(status="ok")


@blueprint.route("/readyz")
def readyz() -> tuple[Response, int]:
    try:
        store = get_store()
        store.ping()
    except (StoreUnavailable, QueryTimeout) as error:
        return jsonify(status="unavailable", error=say(error)), 503
    # which kind of store, never where it is: a path or an address of the machine stays inside
    return jsonify(status="ready", store=store.kind), 200
