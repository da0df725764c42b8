"""The page's language (English or Dutch) and its words from the gettext catalogues in
`webapp/translations/`: chosen by `?lang=` (which also sets a cookie), then the cookie, then the
browser's Accept-Language, else English; the messages the ES modules need, embedded in each page;
the catalogues compiled when their `.mo` files are missing or older than the `.po` files."""

from __future__ import annotations

import logging
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import Flask, Response, has_request_context, request
from flask_babel import Babel, get_locale
from werkzeug.wrappers import Request

from graph.messages import translated

__all__ = ["COOKIE", "LANGUAGES", "TRANSLATIONS", "compile_catalogues", "current_language", "init_app",
           "js_messages", "language_of", "requested_language", "say", "switch_url"]

LANGUAGES = ("en", "nl")
COOKIE = "lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
TRANSLATIONS = Path(__file__).with_name("translations")
DOMAIN = "messages"
log = logging.getLogger(__name__)


def requested_language(asked_of: Request | None = None) -> str | None:
    """The language `?lang=` asks for, when it is one of ours."""
    asked = (asked_of or request).args.get("lang", "")
    return asked if asked in LANGUAGES else None


def language_of(asked_of: Request) -> str:
    """`?lang=`, then the cookie, then Accept-Language, then English."""
    cookie = asked_of.cookies.get(COOKIE, "")
    return (requested_language(asked_of) or (cookie if cookie in LANGUAGES else None)
            or asked_of.accept_languages.best_match(LANGUAGES) or "en")


def select_language() -> str:
    return language_of(request)


def current_language() -> str:
    """The language of the page being answered: "en" or "nl"."""
    return str(get_locale() or "en") if has_request_context() else "en"


@lru_cache(maxsize=len(LANGUAGES))
def _translations(language: str) -> Translations:
    return Translations.load(str(TRANSLATIONS), [language], DOMAIN)


def say(text: object, language: str | None = None) -> str:
    """What `graph/` said (a `graph.messages.Message`) in `language`, by default the page's; any
    other text as it is. Also answers outside Flask's request handling (the `/sparql` front)."""
    if isinstance(text, BaseException) and len(text.args) == 1 and str(text) == str(text.args[0]):
        text = text.args[0]  # an error that says only its message
    return str(translated(text, _translations(language or current_language()).gettext))


def switch_url(language: str) -> str:
    """This page's address in another language (its other parameters kept)."""
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    return f"{request.script_root}{request.path}?{urlencode([*args, ('lang', language)])}"


def _catalogue(language: str, suffix: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def compile_catalogues(folder: Path = TRANSLATIONS) -> list[Path]:
    """Write each language's `.mo` from its `.po` where missing or older; the files written."""
    written = []
    for po in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as source:
            catalogue = read_po(source, locale=po.parent.parent.name)
        try:  # written aside and moved in: server processes starting together never read half a file
            with tempfile.NamedTemporaryFile("wb", dir=mo.parent, suffix=".tmp", delete=False) as target:
                write_mo(target, catalogue, use_fuzzy=False)
            os.replace(target.name, mo)
        except OSError as error:  # a read-only install: use what was compiled at install time
            log.warning("cannot compile %s: %s", po, error)
            continue
        written.append(mo)
    return written


@lru_cache(maxsize=4)
def _js_messages(language: str, modified: float) -> dict[str, str]:
    with _catalogue(language, ".po").open("rb") as source:
        catalogue = read_po(source, locale=language)
    return {message.id: message.string or message.id for message in catalogue
            if message.id and isinstance(message.id, str) and not message.fuzzy
            and any(path.endswith(".js") for path, _line in message.locations)}


def js_messages(language: str | None = None) -> dict[str, str]:
    """The messages the JavaScript modules use, in `language` (default: the page's): msgid -> text."""
    language = language or current_language()
    path = _catalogue(language, ".po")
    return _js_messages(language, path.stat().st_mtime) if path.exists() else {}


def _keep_choice(response: Response) -> Response:
    # a person chooses on a page: an API call or a redirect (whose target keeps ?lang=) sets nothing
    asked = requested_language()
    if asked and request.cookies.get(COOKIE) != asked and response.status_code < 300 \
            and response.mimetype == "text/html":
        response.set_cookie(COOKIE, asked, max_age=COOKIE_MAX_AGE, samesite="Lax", path="/")
    if response.mimetype == "text/html":
        response.vary.update(("Cookie", "Accept-Language"))
    return response


def init_app(app: Flask) -> None:
    compile_catalogues()
    _translations.cache_clear()  # read what was just compiled
    app.config.setdefault("BABEL_DEFAULT_LOCALE", "en")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=select_language)
    app.after_request(_keep_choice)

    @app.context_processor
    def language_context() -> dict:
        return {"lang": current_language(), "languages": LANGUAGES, "switch_url": switch_url,
                "js_messages": js_messages, "say": say}
