"""What changed between two versions of a text, word by word, as safe HTML."""

import re

from django.conf import settings
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


def _matches(a: list[str], b: list[str], max_steps: int) -> list[tuple[int, int]] | None:
    """The pairs (i, j) with a[i] == b[j] that a shortest edit from a to b keeps, in order;
    None if finding them would take more than `max_steps` steps.

    Myers' O((N+M)D) algorithm: the work grows with the number of words changed, not with
    the product of the lengths, and the step count caps it for texts that share nothing.
    """
    n, m = len(a), len(b)
    offset = n + m + 1
    v = [0] * (2 * offset + 1)
    trace = []
    steps = 0
    found = False
    for d in range(n + m + 1):
        # What the round before reached on the diagonals this round starts from.
        trace.append(v[offset - d - 1 : offset + d + 2])
        for k in range(-d, d + 1, 2):
            if k == -d or (k != d and v[offset + k - 1] < v[offset + k + 1]):
                x = v[offset + k + 1]
            else:
                x = v[offset + k - 1] + 1
            y = x - k
            start = x
            while x < n and y < m and a[x] == b[y]:
                x += 1
                y += 1
            steps += 1 + x - start
            v[offset + k] = x
            if x >= n and y >= m:
                found = True
                break
        if found:
            break
        if steps > max_steps:
            return None

    pairs = []
    x, y = n, m
    for d in range(len(trace) - 1, -1, -1):
        before = trace[d]  # index k + d + 1 holds diagonal k
        k = x - y
        if d and (k == -d or (k != d and before[k - 1 + d + 1] < before[k + 1 + d + 1])):
            previous_k = k + 1
        else:
            previous_k = k - 1
        previous_x = before[previous_k + d + 1] if d else 0
        previous_y = previous_x - previous_k if d else 0
        while x > previous_x and y > previous_y:
            x -= 1
            y -= 1
            pairs.append((x, y))
        x, y = previous_x, previous_y
    pairs.reverse()
    return pairs


def _opcodes(a: list[str], b: list[str]) -> list[tuple[bool, int, int, int, int]]:
    """(equal, old start, old end, new start, new end) runs that turn a into b.

    When the texts differ too much for the diff to stay cheap, what lies between their
    common beginning and end is shown as rewritten: all of the old taken out, all of the
    new put in.
    """
    n, m = len(a), len(b)
    head = 0
    while head < n and head < m and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and a[n - 1 - tail] == b[m - 1 - tail]:
        tail += 1
    middle = _matches(a[head : n - tail], b[head : m - tail], settings.TEXT_DIFF_MAX_STEPS)
    pairs = [(i, i) for i in range(head)]
    pairs += [(head + i, head + j) for i, j in middle or ()]
    pairs += [(n - tail + i, m - tail + i) for i in range(tail)]

    runs = []
    i = j = 0
    for old, new in [*pairs, (n, m)]:
        if old > i or new > j:
            runs.append((False, i, old, j, new))
        if old < n:
            if runs and runs[-1][0]:
                runs[-1] = (True, runs[-1][1], old + 1, runs[-1][3], new + 1)
            else:
                runs.append((True, old, old + 1, new, new + 1))
        i, j = old + 1, new + 1
    return runs


def word_diff(old: str, new: str) -> SafeString:
    """`new` with the words added since `old` in <ins> and the words taken out in <del>.

    Every piece of either text is escaped before it is marked, so user text cannot
    inject markup.
    """
    old_tokens, new_tokens = _tokens(old), _tokens(new)
    out = ""
    for equal, old_start, old_end, new_start, new_end in _opcodes(
        [token for token, _ in old_tokens], [token for token, _ in new_tokens]
    ):
        if equal:
            out += escape(_joined(new_tokens[new_start:new_end]))
            continue
        # The text before was taken from the new version; the change needs the space that
        # separated it from that text in the old one.
        if old_start and old_tokens[old_start - 1][1] and out and not out[-1].isspace():
            out += " "
        if old_end > old_start:
            out += _marked(DELETED, old_tokens[old_start:old_end])
        if new_end > new_start:
            out += _marked(INSERTED, new_tokens[new_start:new_end])
    return mark_safe(out)  # noqa: S308 - every piece is escaped above
