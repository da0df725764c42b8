"""The source documents as quotable text: one normalisation, shared by the quote check and the ledger.

The rule: every run of whitespace (line breaks included) counts as one space, and a word broken with
a hyphen at a line end keeps its hyphen: "farma-" / "ceutische" is quoted as "farma- ceutische",
exactly as the document has it. Joining the halves would corrupt real compounds ("Oss-" / "Nijmegen")
and dropping the hyphen would change the document's words. A quote may span such a break but not
stop at one: it never ends on "farma-" or "farma", nor starts at "ceutische". Nor does it start or end
inside any other word (a word going on in lower case).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["DocumentText", "Occurrence"]

_BROKEN_WORD = re.compile(r"\w-$")


@dataclass(frozen=True)
class Occurrence:
    """Where a quote occurs: the 1-based first and last line of the document it spans."""

    first_line: int
    last_line: int


@dataclass
class DocumentText:
    """A document's normalised text, with the line each of its characters comes from."""

    lines: list[str]
    text: str = ""
    _word_starts: list[int] = field(default_factory=list)
    _word_lines: list[int] = field(default_factory=list)
    _broken: set[int] = field(default_factory=set)  # offsets of the spaces after a line-end hyphen

    @classmethod
    def read(cls, path: Path) -> DocumentText:
        return cls.from_text(path.read_text("utf-8"))

    @classmethod
    def from_text(cls, content: str) -> DocumentText:
        """Normalise: the words of the document joined by one space, line ends included.

        >>> DocumentText.from_text("de farma-\\nceutische  kennis\\n\\nOss-\\nNijmegen").text
        'de farma- ceutische kennis Oss- Nijmegen'
        """
        document = cls(content.splitlines())
        offset = 0
        for number, line in enumerate(document.lines, start=1):
            words = line.split()
            for word in words:
                document._word_starts.append(offset)
                document._word_lines.append(number)
                offset += len(word) + 1
            if words and _BROKEN_WORD.search(words[-1]):
                document._broken.add(offset - 1)
        document.text = " ".join(line_word for line in document.lines for line_word in line.split())
        return document

    def line_at(self, offset: int) -> int:
        """The line of the character at an offset of the normalised text (of the word it is in)."""
        return self._word_lines[bisect.bisect_right(self._word_starts, offset) - 1]

    def span(self, first: int, last: int) -> str:
        """The normalised text of lines `first` to `last` (1-based, inclusive)."""
        low = bisect.bisect_left(self._word_lines, first)
        high = bisect.bisect_right(self._word_lines, last)
        if low >= high:
            return ""
        end = self._word_starts[high] - 1 if high < len(self._word_starts) else len(self.text)
        return self.text[self._word_starts[low]:end]

    def _cuts_a_word(self, start: int, end: int) -> bool:
        """Whether a match starts or ends inside a word, a word broken at a line end included."""
        text = self.text
        # a word goes on in lower case; capitals or digits after it are another word that the
        # extraction glued on ("UTRECHTRIJSWIJK", "gezondheid11"), and may be cut off
        if start > 0 and text[start - 1].isalnum() and text[start].islower():
            return True
        if end < len(text) and text[end - 1].isalnum() and text[end].islower():
            return True
        return (start - 1 in self._broken or end in self._broken
                or (text[end:end + 1] == "-" and end + 1 in self._broken))

    def find(self, quote: str) -> list[Occurrence]:
        """Every occurrence of a quote (its whitespace collapsed) that cuts no word.

        >>> document = DocumentText.from_text("Kite in\\nHoofddorp; Kites farma-\\nceutische")
        >>> document.find("Kite in Hoofddorp")
        [Occurrence(first_line=1, last_line=2)]
        >>> document.find("Kite"), document.find("ite in"), document.find("Kites farma-")
        ([Occurrence(first_line=1, last_line=1)], [], [])
        >>> document.find("farma- ceutische")
        [Occurrence(first_line=2, last_line=3)]
        """
        quote = " ".join(quote.split())
        found: list[Occurrence] = []
        start = self.text.find(quote)
        while quote and start >= 0:
            end = start + len(quote)
            if not self._cuts_a_word(start, end):
                found.append(Occurrence(self.line_at(start), self.line_at(end - 1)))
            start = self.text.find(quote, start + 1)
        return found
