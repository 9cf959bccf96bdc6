"""Text in the reader's order, and names as plain letters, through ICU (PyICU).

Latvian readers expect "Č" after "C" and "Ģ" after "G"; English readers expect them beside "C"
and "G". ICU carries the Unicode Collation Algorithm with each language's tailoring (CLDR),
and its transliterator writes any script in Latin letters.

In the database, names are sorted by a collation per language, named `collation_name()`:
PostgreSQL gets them from a migration (participants.0010) as ICU collations, SQLite from
`register_sqlite_collations`, both backed by ICU.
"""

import functools

import icu
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import get_language

# The languages with a collation of their own in the database; any other sorts by the root
# order of the Unicode Collation Algorithm ("und"). A language added to settings.LANGUAGES
# needs a migration that creates its collation, and its code here.
COLLATED_LANGUAGES = ("en", "lv")
ROOT = "und"


def _language(language: str | None) -> str:
    return (language or get_language() or ROOT).split("-")[0].lower()


@functools.cache
def collator(language: str) -> icu.Collator:
    return icu.Collator.createInstance(icu.Locale(language))


def sort_key(text: str, language: str | None = None) -> bytes:
    """A key that sorts `text` as a reader of `language` (default: the active one) expects."""
    return collator(_language(language)).getSortKey(text)


def collation_name(language: str | None = None) -> str:
    """The database collation for sorting in `language` (default: the active one)."""
    language = _language(language)
    return f"youthpass_{language if language in COLLATED_LANGUAGES else ROOT}"


def collated(field: str, language: str | None = None) -> Collate:
    """The field's value, compared as a reader of `language` would sort it."""
    return Collate(F(field), collation_name(language))


def register_sqlite_collations(sender, connection, **kwargs) -> None:
    """Make the collations of the migration exist on a new SQLite connection too."""
    if connection.vendor != "sqlite":
        return
    for language in (*COLLATED_LANGUAGES, ROOT):
        connection.connection.create_collation(collation_name(language), collator(language).compare)


# Greek by the United Nations' romanisation (η as "i", ου as "ou"), every other script by
# ICU's defaults, then accents and special letters as their plain letters.
_TO_ASCII = "Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII"


@functools.cache
def _transliterator() -> icu.Transliterator:
    return icu.Transliterator.createInstance(_TO_ASCII)


def plain_letters(text: str) -> str:
    """`text` in ASCII letters as a reader of English would write it: "Ελένη Νικολάου"
    becomes "Eleni Nikolaou", "Ģirts Ķēniņš" becomes "Girts Kenins"."""
    return _transliterator().transliterate(text).encode("ascii", "ignore").decode("ascii")


def search_text(text: str) -> str:
    """What a search compares: plain letters in lower case, so that "ΕΛΕΝΗ", "eleni" and
    "elenī" all find "Ελένη"."""
    return plain_letters(text).lower()
