"""What changed between two versions of a text, word by word, as safe HTML."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A word with the whitespace after it: words are compared, the whitespace is only kept,
# so that a line break added after a sentence does not mark the sentence as changed.
_WORD = re.compile(r"(\S+)(\s*)")

INSERTED = '<ins class="bg-success-subtle text-success-emphasis">{}</ins>'
DELETED = '<del class="bg-danger-subtle text-danger-emphasis">{}</del>'


def _words(text: str) -> list[tuple[str, str]]:
    return [(match[1], match[2]) for match in _WORD.finditer(text.strip())]


def _marked(template: str, words: list[tuple[str, str]]) -> str:
    text = "".join(word + space for word, space in words)
    trailing = text[len(text.rstrip()) :]
    # The whitespace stays outside the mark, so that a marked word never swallows a line break.
    return template.format(escape(text.rstrip())) + trailing


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words added since `old` in <ins> and the words taken out in <del>.

    Every piece of either text is escaped before it is marked, so user text cannot
    inject markup.
    """
    old_words, new_words = _words(old), _words(new)
    # autojunk would treat frequent words ("the", "and") in long texts as noise and report
    # whole paragraphs as rewritten.
    matcher = SequenceMatcher(
        None, [word for word, _ in old_words], [word for word, _ in new_words], autojunk=False
    )
    parts = []
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            parts.append(escape("".join(w + s for w, s in new_words[new_start:new_end])))
            continue
        for template, words in (
            (DELETED, old_words[old_start:old_end]),
            (INSERTED, new_words[new_start:new_end]),
        ):
            if not words:
                continue
            if parts and not parts[-1][-1:].isspace():
                parts.append(" ")
            parts.append(_marked(template, words))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above
