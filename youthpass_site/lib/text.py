"""Text as it may be printed: no characters that act instead of showing."""

import re

# Control characters (but tab and line breaks) break a PDF's text layer, and bidirectional
# overrides, embeddings and isolates can make a name or a sentence read backwards.
_INVISIBLE_ACTORS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(value: str) -> str:
    return _INVISIBLE_ACTORS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def printable_data(value):
    """`printable` applied to every string inside nested dicts and lists."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: printable_data(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable_data(item) for item in value]
    return value


# C0 and C1 control characters but tab and line breaks: they mean nothing in text people
# write, and some act when the text is opened elsewhere (a spreadsheet, a terminal).
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


_LINE_CONTROLS = re.compile("[\t\n\r]")


def without_control_characters(value: str) -> str:
    return _CONTROL_CHARACTERS.sub("", value)


def has_control_characters(value: str, multiline: bool = True) -> bool:
    """Whether `value` holds C0 or C1 control characters; tab and line breaks count only
    when it is not `multiline`."""
    return bool(
        _CONTROL_CHARACTERS.search(value) or (not multiline and _LINE_CONTROLS.search(value))
    )
