"""Words for people, written in English and kept translatable.

`graph/` cannot know the reader's language (the command line speaks English; a web page speaks
the page's language), so what it says to people is a `Message`: a `str` holding the English text,
which is what the command line prints, that also keeps its gettext id and values. The web layer
says it again in the reader's language (`Message.translated`). `pybabel extract -k message` finds
the ids (see the README, "Languages"), so they are in the catalogues beside the web's own.

A value may itself be a `Message` (a reason inside a refusal): it is translated too.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Message", "message", "reason", "translated"]


class Message(str):
    """English text (as a `str`) with the gettext id and the values that made it."""

    msgid: str
    values: dict[str, object]

    def __new__(cls, msgid: str, values: dict[str, object]) -> Message:
        text = msgid % {name: str(value) for name, value in values.items()} if values else msgid
        made = super().__new__(cls, text)
        made.msgid, made.values = msgid, values
        return made

    def __reduce__(self) -> tuple:  # a Message crosses into query workers and derived files intact
        return (Message, (self.msgid, self.values))

    def translated(self, gettext: Callable[[str], str]) -> str:
        """This message in the language `gettext` speaks (its values translated likewise)."""
        values = {name: translated(value, gettext) for name, value in self.values.items()}
        text = gettext(self.msgid)
        return text % values if values else text


def message(msgid: str, **values: object) -> Message:
    """A message to translate: `msgid` with `%(name)s` placeholders filled from `values`."""
    return Message(msgid, values)


def translated(value: object, gettext: Callable[[str], str]) -> object:
    """`value` in gettext's language when it is a Message; anything else as it is."""
    return value.translated(gettext) if isinstance(value, Message) else value


def reason(error: BaseException) -> str:
    """What an error says, kept translatable where it was made from a `Message`."""
    said = getattr(error, "message", None)
    if isinstance(said, Message) and str(error) == said:
        return said
    if len(error.args) == 1 and isinstance(error.args[0], Message) and str(error) == error.args[0]:
        return error.args[0]
    return str(error)
