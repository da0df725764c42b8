"""End-to-end helpers: build a store, run the real server (`lshkg serve`) or the app in a thread,
drive headless Chromium, and open pages that fail the test when they leave home.

    data_dir = build_store(tmp / "var")                 # lshkg build --records tests/fixtures/records
    with start_server(data_dir) as server:             # lshkg serve on a free loopback port
        with chromium() as browser:                     # Playwright, Debian's /usr/bin/chromium
            with checked_page(browser, server.url, width=1300, height=900) as page:
                page.goto(server.url + "/query")        # page.requests: every request it makes

    with serve_app(store_dir) as url:                   # the app in a werkzeug thread, same process
        ...

The server is polled over HTTP until it answers (never a fixed sleep) and stopped at the end. A
`checked_page` fails, once its context is closed, on a request to another host, a script error, a
dialog, or no request at all. tests/browser/conftest.py holds the shared `browser` (one Chromium per
module) and `shipped_url` (the app over the shipped graph) fixtures.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
TINY_RECORDS = ROOT / "tests" / "fixtures" / "records"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "RequestLog", "Server", "build_store", "checked_page", "chromium",
           "chromium_available", "free_port", "lshkg_command", "serve_app", "start_server"]


def lshkg_command() -> list[str]:
    """The `lshkg` console script of this environment (or the same CLI through this Python)."""
    script = Path(sys.executable).parent / "lshkg"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from webapp.cli import main; main()"]


def _environment(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("LSHKG_ENDPOINT", "LSHKG_BASE_IRI", "LSHKG_RECORDS_DIR"):
        env.pop(name, None)  # the embedded store, default IRIs: what the tests expect
    env["LSHKG_DATA_DIR"] = str(data_dir)
    env.update(extra or {})
    return env


def build_store(data_dir: Path, records: Path = TINY_RECORDS) -> Path:
    """`lshkg build --records RECORDS` into `data_dir` (dataset file and embedded store)."""
    result = subprocess.run([*lshkg_command(), "build", "--records", str(records)], cwd=ROOT,
                            env=_environment(data_dir), capture_output=True, text=True, timeout=600,
                            check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lshkg build failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return data_dir


def free_port() -> int:
    """A port free on 127.0.0.1 right now (the server binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A running `lshkg serve`: its base URL, process and log file."""

    url: str
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""

    def stop(self, timeout_s: float = 20.0) -> None:
        """SIGTERM (the server stops its workers and their query processes), then SIGKILL if need be."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)  # its own session: only what it started
                self.process.wait(timeout=timeout_s)
        if self.process.stdout:
            self.process.stdout.close()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            response.read()
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _launch(data_dir: Path, log_path: Path, env_extra: dict[str, str] | None,
            timeout_s: float) -> Server | None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [*lshkg_command(), "serve", "--host", "127.0.0.1", "--port", str(port),
               "--workers", "1", "--threads", "8"]
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=_environment(data_dir, env_extra),
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(url, process, log_path)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            server.stop()
            return None  # exited: most likely the port was taken meanwhile
        if _answers(url + "/api/ontology-terms"):
            return server
        time.sleep(0.1)  # polling interval, not a wait for readiness
    server.stop()
    raise RuntimeError(f"lshkg serve did not answer within {timeout_s:g} s:\n{server.log()}")


@contextlib.contextmanager
def start_server(data_dir: Path, *, env_extra: dict[str, str] | None = None, log_path: Path | None = None,
                 timeout_s: float = 60.0, attempts: int = 3) -> Iterator[Server]:
    """`lshkg serve` on a free loopback port over the store in `data_dir`; stopped on exit."""
    log_path = log_path or data_dir / "server.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    server = None
    for _ in range(attempts):
        server = _launch(data_dir, log_path, env_extra, timeout_s)
        if server is not None:
            break
    if server is None:
        raise RuntimeError(f"lshkg serve exited at start, {attempts} times:\n"
                           + log_path.read_text(encoding="utf-8", errors="replace"))
    try:
        yield server
    finally:
        server.stop()


@contextlib.contextmanager
def serve_app(store_dir: str | Path, **settings: object) -> Iterator[str]:
    """The app over the embedded store in `store_dir` (rate limits off), served by werkzeug in a thread
    of this process on a free loopback port: its base URL. Stopped, and its store closed, on exit."""
    from werkzeug.serving import make_server

    from tests.conftest import make_app
    from webapp.app_store import close_store

    app = make_app(str(store_dir), **settings)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        close_store(app)


def chromium_available() -> bool:
    return os.access(CHROMIUM, os.X_OK)


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium (Debian's build) driven by Playwright; closed on exit."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class RequestLog:
    """Every request a page makes (and every uncaught script error), to check it stays home."""

    page: Any
    server_url: str
    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("request", lambda request: self.urls.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign(self) -> list[str]:
        """The requests to any other host than the server (data: and blob: URLs are local)."""
        home = urlsplit(self.server_url).netloc
        return [url for url in self.urls
                if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != home]


@contextlib.contextmanager
def checked_page(browser: Any, url: str, *, width: int = 1280, height: int = 720,
                 timeout_ms: int | None = None, **context_options: Any) -> Iterator[Any]:
    """A page in a new context of `browser` (a `width` x `height` viewport; `timeout_ms`, when given, its
    default timeout; other options go to `browser.new_context`, e.g. `locale`, `accept_downloads`,
    `offline`, `is_mobile`). `page.requests` is its `RequestLog` with `url` as home, `page.dialogs` the
    messages of the dialogs it opened (each dismissed). On a normal exit the context is closed and the
    test fails on a request to another host, a script error, a dialog, or a page that asked for nothing.
    """
    context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
    if timeout_ms is not None:
        context.set_default_timeout(timeout_ms)
    page = context.new_page()
    page.requests = RequestLog(page, url)
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    try:
        yield page
    finally:
        context.close()
    log = page.requests
    assert log.urls, "the page made no request at all"
    assert not log.foreign(), f"requests to other hosts: {log.foreign()}"
    assert not log.errors, f"script errors: {log.errors}"
    assert not page.dialogs, f"dialogs: {page.dialogs}"
