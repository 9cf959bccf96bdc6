"""What a certificate prints, frozen at issue.

The snapshot is plain JSON in the certificate's language: the PDF and the public
verification page are made from it alone, so later edits of the project, the
organisation or the participant never change what was issued. Dates are ISO
strings; translated names (format, programme, countries, competences) are stored
as printed, next to the keys they came from.
"""

from django.utils import timezone, translation

from projects.formats import Format


def _iso(value):
    return value.isoformat() if value else None


def build_snapshot(participant, language: str) -> dict:
    project = participant.project
    organisation = project.organisation
    with translation.override(language):
        return {
            "language": language,
            "holder": {
                "first_name": participant.first_name,
                "last_name": participant.last_name,
                "date_of_birth": _iso(participant.date_of_birth),
                "place_of_birth": participant.place_of_birth,
            },
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
            "outcomes": [
                {"key": competence.key, "name": str(competence.name), "text": outcome.text}
                for competence, outcome in participant.filled_outcomes()
            ],
            "issue_date": timezone.localdate().isoformat(),
        }
