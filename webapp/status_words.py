"""What an HTTP error says to people, in the page's language: Werkzeug's default descriptions replaced
by our own words for the statuses the app answers; a description the app wrote itself is kept."""

from __future__ import annotations

from flask_babel import gettext
from werkzeug.exceptions import HTTPException

__all__ = ["error_text", "internal_error"]


def internal_error() -> str:
    return gettext("Something went wrong on our side. If it happens again, tell us the request id.")


def _defaults() -> dict[int, str]:
    return {
        400: gettext("The request is not one this server understands."),
        403: gettext("This is not allowed here."),
        404: gettext("There is nothing at this address. Try the search or the map."),
        405: gettext("This address does not take this method."),
        406: gettext("This address cannot answer in the format asked for."),
        413: gettext("The request is too large."),
        415: gettext("This address does not take this content type."),
        429: gettext("Too many requests: wait a moment and try again."),
        500: internal_error(),
        503: gettext("The service is busy or its store does not answer: try again in a moment."),
    }


def error_text(error: HTTPException) -> str:
    """The error's own description where the app gave one, else our words for its status."""
    status = error.code or 500
    if error.description and error.description != type(error).description:
        return error.description
    return _defaults().get(status, error.name)
