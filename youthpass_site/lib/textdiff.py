"""What changed between two versions of a text, word by word, as safe HTML."""

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# A word or a run of punctuation, with the whitespace after it. Tokens are compared without
# their whitespace, so that a line break added after a sentence does not mark it as changed,
# and punctuation apart, so that "audio." -> "audio with Audacity." marks only the new words.
_TOKEN = re.compile(r"(\w+|[^\w\s]+)(\s*)")

INSERTED = '<ins class="bg-success-subtle text-success-emphasis">{}</ins>'
DELETED = '<del class="bg-danger-subtle text-danger-emphasis">{}</del>'


def _tokens(text: str) -> list[tuple[str, str]]:
    return [(match[1], match[2]) for match in _TOKEN.finditer(text.strip())]


def _joined(tokens: list[tuple[str, str]]) -> str:
    return "".join(token + space for token, space in tokens)


def _marked(template: str, tokens: list[tuple[str, str]]) -> str:
    text = _joined(tokens)
    trailing = text[len(text.rstrip()) :]
    # The whitespace stays outside the mark, so that a marked word never swallows a line break.
    return template.format(escape(text.rstrip())) + trailing


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words added since `old` in <ins> and the words taken out in <del>.

    Every piece of either text is escaped before it is marked, so user text cannot
    inject markup.
    """
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    # autojunk would treat frequent words ("the", "and") in long texts as noise and report
    # whole paragraphs as rewritten.
    matcher = SequenceMatcher(
        None, [token for token, _ in old_tokens], [token for token, _ in new_tokens], autojunk=False
    )
    out = ""
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            out += escape(_joined(new_tokens[new_start:new_end]))
            continue
        if old_end > old_start:
            # The text before was taken from the new version; the deleted words need the
            # space that separated them in the old one.
            if old_start and old_tokens[old_start - 1][1] and out and not out[-1].isspace():
                out += " "
            out += _marked(DELETED, old_tokens[old_start:old_end])
        if new_end > new_start:
            out += _marked(INSERTED, new_tokens[new_start:new_end])
    return mark_safe(out)  # noqa: S308 - every piece is escaped above
