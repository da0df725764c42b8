"""The lsh-kg web application: `create_app()` builds it (Flask app factory)."""

from __future__ import annotations

from typing import Any

from flask import Flask

from graph import config

__all__ = ["create_app"]


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """The app, configured from the settings (LSHKG_* variables), then `test_config`."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        LSHKG_ENDPOINT=config.setting("endpoint") or None,
        LSHKG_STORE_DIR=str(config.store_dir()),
        LSHKG_QUERY_TIMEOUT_S=config.number("query_timeout_s"),
        LSHKG_QUERY_MAX_ROWS=int(config.number("query_max_rows")),
        LSHKG_QUERY_MAX_BYTES=int(config.number("query_max_bytes")),
        LSHKG_QUERY_WORKERS=int(config.number("query_workers")),
        LSHKG_QUERY_WORKERS_MAX=int(config.number("query_workers_max")),
        LSHKG_LONG_QUERY_S=config.number("long_query_s"),
        LSHKG_LONG_QUERIES=int(config.number("long_queries")),
        LSHKG_LONG_QUERIES_PER_CLIENT=int(config.number("long_queries_per_client")),
        LSHKG_SLOW_REQUESTS=int(config.number("slow_requests")),
        LSHKG_SLOW_REQUEST_TIMEOUT_S=config.number("slow_request_timeout_s"),
        LSHKG_BASE_IRI=config.setting("base_iri"),
        LSHKG_RATE_LIMIT_PER_MINUTE=int(config.number("rate_limit_per_minute")),
        LSHKG_PROXY_HOPS=int(config.number("proxy_hops")),
        LSHKG_MAP_MAX_NODES=int(config.number("map_max_nodes")),
        LSHKG_SEEDS_DIR=config.setting("seeds_dir"),
        LSHKG_IMPORT_MAX_BYTES=int(config.number("import_max_bytes")),
        LSHKG_IMPORT_TOKEN=config.setting("import_token"),
    )
    if test_config:
        app.config.from_mapping(test_config)
    # a form-encoded query is at most a few times its own size
    app.config.setdefault("MAX_CONTENT_LENGTH", 4 * app.config["LSHKG_QUERY_MAX_BYTES"] + 4096)

    from webapp import (
        api,
        app_store,
        bundle,
        construct_network,
        dataset_version,
        editor,
        entity_kinds,
        entity_pages,
        export,
        figures,
        health,
        i18n,
        imports,
        observability,
        overview,
        paths,
        query_stops,
        ratelimit,
        search_page,
        security,
        slow_work,
        sparql,
        timeline,
        vendor,
    )
    from webapp import map as map_page  # "map" alone would shadow the builtin
    from webapp.sparql_front import SparqlFront

    app_store.init_app(app)
    dataset_version.init_app(app)
    i18n.init_app(app)
    observability.init_app(app)
    ratelimit.init_app(app)
    security.init_app(app)
    slow_work.init_app(app)
    for module in (map_page, sparql, editor, api, vendor, construct_network, health, entity_pages,
                   entity_kinds, search_page, export, figures, overview, paths, timeline, query_stops,
                   imports, bundle):
        app.register_blueprint(module.blueprint)
    app.wsgi_app = SparqlFront(app, app.wsgi_app)  # type: ignore[method-assign]
    if app.config["LSHKG_PROXY_HOPS"]:  # outermost: the client's address for everything inside
        from werkzeug.middleware.proxy_fix import ProxyFix

        hops = app.config["LSHKG_PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    return app
