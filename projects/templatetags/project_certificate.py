"""Helpers for the certificate's Part 1 and Part 3, which print from the frozen snapshot."""

import datetime
import re

from django import template

register = template.Library()

# Only a PNG that projects.logos wrote is ever inlined; anything else in the snapshot
# (a URL, a file path, another type) must not reach a src attribute.
_PNG_DATA_URI = re.compile(r"data:image/png;base64,[A-Za-z0-9+/]+={0,2}")


@register.filter
def iso_date(value) -> datetime.date | None:
    """A snapshot's ISO date string as a date, for the date filter; None when empty."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@register.filter
def png_data_uri(value) -> str:
    return value if isinstance(value, str) and _PNG_DATA_URI.fullmatch(value) else ""


@register.simple_tag
def participation_period(holder: dict, project: dict) -> dict:
    """The holder's own dates where the snapshot has them, else the project's.

    A volunteer who left early, or joined late, is confirmed for the time they took
    part; `differs` says whether that is not the whole project.
    """
    project_start, project_end = iso_date(project["start_date"]), iso_date(project["end_date"])
    start = iso_date(holder.get("start_date")) or project_start
    end = iso_date(holder.get("end_date")) or project_end
    return {
        "start": start,
        "end": end,
        "differs": (start, end) != (project_start, project_end),
        "project_start": project_start,
        "project_end": project_end,
    }
