"""Front-end libraries served by the app itself, from the packages the setup installs.

YASGUI, D3 and Observable Plot come from the npm registry (`webapp/frontend`, installed by `make`);
vis-network is the copy that pyvis ships. Only the files listed here are served.
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, send_from_directory

blueprint = Blueprint("vendor", __name__, url_prefix="/vendor")

FRONTEND = Path(__file__).resolve().parent / "frontend" / "node_modules"


def _pyvis_lib() -> Path:
    import pyvis

    return Path(pyvis.__file__).resolve().parent / "templates" / "lib"


LIBRARIES: dict[str, tuple[callable, tuple[str, ...]]] = {
    "yasgui": (lambda: FRONTEND / "@zazuko" / "yasgui" / "build", ("yasgui.min.js", "yasgui.min.css")),
    "vis-network": (lambda: _pyvis_lib() / "vis-9.1.2", ("vis-network.min.js", "vis-network.css")),
    "d3": (lambda: FRONTEND / "d3" / "dist", ("d3.min.js",)),
    "plot": (lambda: FRONTEND / "@observablehq" / "plot" / "dist", ("plot.umd.min.js",)),
}


@blueprint.route("/<library>/<filename>")
def asset(library: str, filename: str) -> Response:
    if library not in LIBRARIES or filename not in LIBRARIES[library][1]:
        abort(404)
    folder = LIBRARIES[library][0]()
    if not (folder / filename).is_file():
        abort(404, description=f"{library} is not installed: run `make install`")
    return send_from_directory(folder, filename, max_age=86400)
