"""`POST /api/import`: a user's file imported from the web, only where the operator switches it on
(LSHKG_IMPORT_TOKEN set; the client sends it as `Authorization: Bearer TOKEN`). Off, the route does
not exist (404). The answer is the command line's: every problem with its file, line, focus node,
path and message (422), another import running (409), a file over the limit (413)."""

from __future__ import annotations

import hmac
import tempfile
from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import NotFound, RequestEntityTooLarge
from werkzeug.utils import secure_filename

from graph.cli.imports import import_files
from graph.store.import_problems import ImportRefused
from graph.store.imports import ImportBusy

blueprint = Blueprint("imports", __name__)


def _allowed() -> bool:
    token = current_app.config.get("LSHKG_IMPORT_TOKEN") or ""
    if not token:
        raise NotFound()
    sent = request.headers.get("Authorization", "")
    return sent.startswith("Bearer ") and hmac.compare_digest(sent[7:].encode(), token.encode())


def _error(status: int, message: str, errors: list[dict] | None = None) -> tuple[Response, int]:
    return jsonify({"error": message, "errors": errors or []}), status


@blueprint.post("/api/import")
def import_file() -> tuple[Response, int]:
    if not _allowed():
        return _error(401, "the import API needs the operator's token (Authorization: Bearer TOKEN)")
    limit = int(current_app.config["LSHKG_IMPORT_MAX_BYTES"])
    request.max_content_length = limit + (1 << 20)  # the form around the file
    try:
        upload = request.files.get("file")
        mapping = request.files.get("mapping")
        name = request.form.get("graph") or None
    except RequestEntityTooLarge:
        return _error(413, f"the file is larger than the import limit of {limit:,} bytes")
    if upload is None or not upload.filename:
        return _error(400, "send the file to import as the multipart field `file`")
    with tempfile.TemporaryDirectory(prefix="lshkg-upload-") as folder:
        path = Path(folder) / (secure_filename(upload.filename) or "upload")
        upload.save(path)
        mappings = None
        if mapping is not None:
            mappings = {path: Path(folder) / "mapping.yaml"}
            mapping.save(mappings[path])
        try:
            done = import_files([path], names=[name] if name else None,
                                who=f"web {request.remote_addr}", mappings=mappings, max_bytes=limit)
        except ImportRefused as refused:
            status = 413 if any("import limit" in p.message for p in refused.problems) else 422
            return _error(status, "the import was refused; nothing was written",
                          [problem.as_json() for problem in refused.problems])
        except ImportBusy as busy:
            return _error(409, str(busy))
    return jsonify({"imported": [info.__dict__ for info in done]}), 201
