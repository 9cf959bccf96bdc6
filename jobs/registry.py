"""What each kind of background job does, registered by kind (see jobs.handlers).

A handler does one participant's part and is safe to call again for the same one: it
checks the participant's state first and says, with `ItemSkipped`, why there is nothing
to do. A finisher runs once, after every participant's part is done.
"""

from collections.abc import Callable


class ItemSkipped(Exception):
    """Nothing to do for this participant, for the reason given (shown to the organiser)."""


class ItemFailed(Exception):
    """This participant's part failed, for the reason given (shown to the organiser)."""


HANDLERS: dict[str, Callable] = {}
FINISHERS: dict[str, Callable] = {}


def handles(kind: str):
    """Register the decorated function as what a job of `kind` does for each participant."""

    def register(function):
        HANDLERS[kind] = function
        return function

    return register


def finishes(kind: str):
    """Register the decorated function as what a job of `kind` does once all items are done."""

    def register(function):
        FINISHERS[kind] = function
        return function

    return register
