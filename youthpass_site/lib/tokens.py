"""Secrets sent by e-mail: random, and stored only as a hash."""

import hashlib
import secrets

# A token longer than this was not made by new_token(); it is not even hashed.
MAX_TOKEN_LENGTH = 100


def new_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def plausible(token: str) -> bool:
    return bool(token) and len(token) <= MAX_TOKEN_LENGTH
