"""The secrets in e-mailed links: how much chance there is in them, and what is stored."""

import base64
import hashlib
import math

import pytest

from youthpass_site.lib import tokens
from youthpass_site.lib.tokens import MAX_TOKEN_LENGTH, hash_token, new_token, plausible


def test_a_token_carries_256_random_bits(monkeypatch):
    asked = []

    def token_urlsafe(nbytes):
        asked.append(nbytes)
        return base64.urlsafe_b64encode(bytes(range(nbytes))).rstrip(b"=").decode()

    monkeypatch.setattr(tokens.secrets, "token_urlsafe", token_urlsafe)

    token = new_token()

    assert asked == [32]
    assert base64.urlsafe_b64decode(token + "=") == bytes(range(32))


def test_a_real_token_decodes_to_32_bytes_and_fits_a_url():
    token = new_token()

    assert len(token) == 43
    assert len(base64.urlsafe_b64decode(token + "=")) * 8 == 256
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert plausible(token)


def test_two_tokens_differ():
    assert len({new_token() for _ in range(20)}) == 20


def test_the_stored_hash_is_the_whole_sha256_in_hex():
    assert hash_token("abc") == ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    token = "q8Xr2m9V0yJz4L7nP1sT6wK3bH5cF0dG8aE2uR9iO4k"
    stored = hash_token(token)
    assert stored == hashlib.sha256(token.encode()).hexdigest()
    assert len(stored) * 4 == 256
    assert math.log2(16) * len(stored) == 256


def test_a_hash_fits_the_columns_that_store_it():
    from participants.models import Invitation
    from support.models import SupportInvitation

    length = len(hash_token("x"))
    assert length == 64
    assert Invitation._meta.get_field("token_hash").max_length == length
    assert SupportInvitation._meta.get_field("token_hash").max_length == length


@pytest.mark.parametrize(
    ("token", "answer"),
    [
        ("", False),
        ("a", True),
        ("x" * 99, True),
        ("x" * MAX_TOKEN_LENGTH, True),
        ("x" * (MAX_TOKEN_LENGTH + 1), False),
        ("x" * 500, False),
    ],
)
def test_plausible_tokens(token, answer):
    assert MAX_TOKEN_LENGTH == 100
    assert plausible(token) is answer
