"""The word diff: a correct diff for any two texts, at a bounded cost."""

import html
import re

from hypothesis import example, given
from hypothesis import strategies as st

from youthpass_site.lib.textdiff import DELETED, INSERTED, word_diff

TOKEN = re.compile(r"\w+|[^\w\s]+")
# Texts of a few short words, punctuation and whitespace, so that they share a lot.
pieces = st.sampled_from(["a", "b", "c", "ab", "Es", "ā", ".", ",", "<", "&", " ", "\n"])
texts = st.lists(pieces, max_size=40).map("".join)


def tokens(text):
    return TOKEN.findall(text)


def applied(marked):
    """(old, new) read back from a diff: without the insertions, without the deletions."""
    old = re.sub(r"<ins [^>]*>.*?</ins>", "", marked, flags=re.S)
    old = re.sub(r"</?del[^>]*>", "", old)
    new = re.sub(r"<del [^>]*>.*?</del>", "", marked, flags=re.S)
    new = re.sub(r"</?ins[^>]*>", "", new)
    return html.unescape(old), html.unescape(new)


@given(texts, texts)
@example("a b", "a.b")
@example("a b.c", "a.c")
def test_applying_the_diff_gives_both_texts(old, new):
    marked = word_diff(old, new)
    assert "<script" not in marked
    old_back, new_back = applied(marked)
    assert tokens(old_back) == tokens(old)
    assert tokens(new_back) == tokens(new)


def test_the_probe_pair_is_a_correct_diff():
    old, new = "a " * 2000, "a b " * 1000
    old_back, new_back = applied(word_diff(old, new))
    assert tokens(old_back) == tokens(old)
    assert tokens(new_back) == tokens(new)


def test_texts_too_different_to_compare_cheaply_are_shown_as_rewritten(settings):
    settings.TEXT_DIFF_MAX_STEPS = 100
    body_old = ("x " * 200).strip()
    body_new = "y " + "x y " * 100  # shares every other word with the old, but not its ends
    body_new = body_new.strip()
    old = f"Intro. {body_old} End."
    new = f"Intro. {body_new} End."
    assert word_diff(old, new) == (
        "Intro. " + DELETED.format(body_old) + " " + INSERTED.format(body_new) + " End."
    )


def test_a_small_change_in_a_long_text_is_still_marked_word_by_word(settings):
    settings.TEXT_DIFF_MAX_STEPS = 100
    words = [f"w{i % 7}" for i in range(600)]
    changed = [*words[:300], "new", *words[300:]]
    assert word_diff(" ".join(words), " ".join(changed)) == (
        " ".join(words[:300]) + " " + INSERTED.format("new") + " " + " ".join(words[300:])
    )
