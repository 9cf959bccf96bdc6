"""The project's and organisation's part of a certificate snapshot (see certificates.snapshot)."""

from projects.formats import Format


def _iso(value):
    return value.isoformat() if value else None


def project_snapshot(project) -> dict:
    """Called in the certificate's language; translated names are stored as printed."""
    organisation = project.organisation
    return {
        "project": {
            "title": project.title,
            "format": project.format,
            "format_name": str(Format(project.format).label),
            "programme": str(project.programme.value),
            "programme_name": str(project.programme.label),
            "grant_number": project.grant_number,
            "start_date": _iso(project.start_date),
            "end_date": _iso(project.end_date),
            "venue_town": project.venue_town,
            "venue_country": project.venue_country.code,
            "venue_country_name": str(project.venue_country.name),
            "description": project.description,
        },
        "organisation": {
            "name": organisation.name,
            "town": organisation.town,
            "country": organisation.country.code,
            "country_name": str(organisation.country.name),
        },
    }
