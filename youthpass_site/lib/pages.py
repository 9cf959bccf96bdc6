"""How many pages of a certificate texts fill, judged from their characters and lines.

Laying a certificate out is the costly step, and its cost grows with the pages: a text of
2,000 one-letter lines is short in characters but long on paper. The estimate comes first,
so that a text too long for a certificate is refused before anything is laid out.

Measured on the certificate's own layout: eight texts of 4,000 characters of prose fill
eight pages of Part 2, and eight texts of 200 one-letter lines thirty-five.
"""

import math
import re
from collections.abc import Iterable

CHARS_PER_LINE = 100
LINES_PER_PAGE = 42
# A section's heading and the space around it.
HEADING_LINES = 3

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def text_lines(text: str) -> int:
    """The printed lines of a text as the certificate shows it: paragraphs are separated
    by one empty line however many were typed, and a long line wraps."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return 0
    paragraphs = _PARAGRAPH_BREAK.split(text)
    lines = len(paragraphs) - 1
    for paragraph in paragraphs:
        lines += sum(
            max(1, math.ceil(len(line) / CHARS_PER_LINE)) for line in paragraph.split("\n")
        )
    return lines


def text_pages(texts: Iterable[str]) -> float:
    """The pages these texts fill, each under a heading of its own."""
    lines = sum(HEADING_LINES + text_lines(text) for text in texts if text.strip())
    return lines / LINES_PER_PAGE
