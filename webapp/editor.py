"""The query editor page."""

from __future__ import annotations

from flask import Blueprint, render_template

blueprint = Blueprint("editor", __name__)


@blueprint.route("/query")
def page() -> str:
    return render_template("editor/query.html")
