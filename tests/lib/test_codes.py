"""Codes in URLs and certificate IDs: their alphabets, their length, and how typed IDs are read."""

import math

import pytest

from youthpass_site.lib import codes
from youthpass_site.lib.codes import (
    CERTIFICATE_ALPHABET,
    URL_ALPHABET,
    new_certificate_id,
    new_url_code,
    normalise_certificate_id,
)

# Crockford's Base32, as published: the digits and the letters but I, L, O and U.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class Counting:
    """A stand-in for secrets.choice: records what it is offered, and walks through it."""

    def __init__(self):
        self.offered = []

    def __call__(self, alphabet):
        self.offered.append(alphabet)
        return alphabet[(len(self.offered) * 7) % len(alphabet)]


@pytest.fixture
def choice(monkeypatch):
    counting = Counting()
    monkeypatch.setattr(codes.secrets, "choice", counting)
    return counting


def test_the_certificate_alphabet_is_crockfords_base32():
    assert CERTIFICATE_ALPHABET == CROCKFORD
    assert len(set(CERTIFICATE_ALPHABET)) == 32
    assert not set("ILOU") & set(CERTIFICATE_ALPHABET)


def test_a_certificate_id_is_sixteen_draws_from_the_whole_alphabet(choice):
    certificate_id = new_certificate_id()

    assert choice.offered == [CROCKFORD] * 16
    expected = "".join(CROCKFORD[(n * 7) % 32] for n in range(1, 17))
    assert certificate_id == "-".join(expected[i : i + 4] for i in range(0, 16, 4))
    assert certificate_id == "7ENW-3AHR-Z6DM-V29G"


def test_a_certificate_id_carries_80_random_bits():
    certificate_id = new_certificate_id()
    chars = certificate_id.replace("-", "")

    assert len(certificate_id) == 19
    assert [len(group) for group in certificate_id.split("-")] == [4, 4, 4, 4]
    assert len(chars) * math.log2(len(CERTIFICATE_ALPHABET)) == 80
    assert set(chars) <= set(CROCKFORD)


def test_every_letter_of_the_alphabet_turns_up_in_ids():
    seen = set()
    for _ in range(200):
        seen |= set(new_certificate_id().replace("-", ""))
    # 3,200 draws from 32 letters: a missing one has a chance of about 1e-44.
    assert seen == set(CROCKFORD)


def test_a_url_code_is_twelve_draws_from_the_url_alphabet(choice):
    code = new_url_code()

    assert choice.offered == [URL_ALPHABET] * 12
    assert len(code) == 12
    assert new_url_code(5) == "".join(URL_ALPHABET[(n * 7) % 31] for n in range(13, 18))


def test_the_url_alphabet_has_no_look_alikes():
    assert URL_ALPHABET == "abcdefghjkmnpqrstuvwxyz23456789"
    assert not set("ilo01") & set(URL_ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "9XXC-AVFY-M7DM-YG5F",
        "9xxc-avfy-m7dm-yg5f",
        "9XXCAVFYM7DMYG5F",
        "9XXC AVFY M7DM YG5F",
        "9XXC - AVFY - M7DM - YG5F",
        "9XXC\tAVFY\tM7DM\tYG5F",
        " 9XXC-AVFY-M7DM-YG5F\n",
        "\r\n9xxc avfy\r\nm7dm yg5f ",
        "9-X-X-C-A-V-F-Y-M-7-D-M-Y-G-5-F",
    ],
)
def test_typed_ids_are_read_in_any_case_with_spaces_tabs_and_dashes(typed):
    assert normalise_certificate_id(typed) == "9XXC-AVFY-M7DM-YG5F"


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("O0O0-0000-0000-0000", "0000-0000-0000-0000"),
        ("o0o0-0000-0000-0000", "0000-0000-0000-0000"),
        ("I1L1-1111-1111-1111", "1111-1111-1111-1111"),
        ("i1l1-1111-1111-1111", "1111-1111-1111-1111"),
        ("ZZZZ-ZZZZ-ZZZZ-ZZZZ", "ZZZZ-ZZZZ-ZZZZ-ZZZZ"),
        ("0123-4567-89AB-CDEF", "0123-4567-89AB-CDEF"),
        ("GHJK-MNPQ-RSTV-WXYZ", "GHJK-MNPQ-RSTV-WXYZ"),
        ("ghjk mnpq rstv wxyz", "GHJK-MNPQ-RSTV-WXYZ"),
        ("OIL0-OIL0-OIL0-OIL0", "0110-0110-0110-0110"),
    ],
)
def test_the_usual_mix_ups_are_read_as_meant(typed, canonical):
    assert normalise_certificate_id(typed) == canonical


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "9XXC-AVFY-M7DM-YG5",
        "9XXC-AVFY-M7DM-YG5FF",
        "9XXC-AVFY-M7DM-YG5U",
        "9XXC_AVFY_M7DM_YG5F",
        "9XXC.AVFY.M7DM.YG5F",
        "9XXC-AVFY-M7DM-YG5Ä",
        "----",
    ],
)
def test_what_cannot_be_an_id_is_refused(typed):
    assert normalise_certificate_id(typed) is None


def test_exactly_the_three_look_alikes_are_translated():
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        read = normalise_certificate_id(letter * 16)
        if letter == "O":
            assert read == "0000-0000-0000-0000"
        elif letter in "IL":
            assert read == "1111-1111-1111-1111"
        elif letter == "U":
            assert read is None
        else:
            assert read == "-".join([letter * 4] * 4)
