"""The project's and organisation's part of a certificate snapshot (see certificates.snapshot)."""

from projects.formats import Format, programme_wording


def _iso(value):
    return value.isoformat() if value else None


def _country_name(country) -> str:
    return str(country.name) if country else ""


def project_snapshot(project) -> dict:
    """Called in the certificate's language; translated names are stored as printed.

    The logo is stored as a data: URI of the PNG that the upload was re-encoded to:
    the renderer fetches data: URIs and nothing a user could point elsewhere, and the
    certificate keeps its logo when the organisation changes it later.
    """
    organisation = project.organisation
    return {
        "project": {
            "title": project.title,
            "format": project.format,
            "format_name": str(Format(project.format).label),
            "programme": str(project.programme.value),
            "programme_name": str(programme_wording(project.format)),
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
            "country_name": _country_name(organisation.country),
            "address": organisation.address_lines,
            "website": organisation.website,
            "logo": organisation.logo_data_uri(),
            "signatory_name": organisation.signatory_name,
            "signatory_role": organisation.signatory_role,
        },
        "partners": [
            {
                "name": partner.name,
                "town": partner.town,
                "country": partner.country.code,
                "country_name": _country_name(partner.country),
            }
            for partner in project.partners.all()
        ],
        "activities": [
            {
                "title": activity.title,
                "start_date": _iso(activity.start_date),
                "end_date": _iso(activity.end_date),
                "venue_town": activity.venue_town,
                "venue_country": activity.venue_country.code,
                "venue_country_name": _country_name(activity.venue_country),
                "organisations_in_charge": activity.organisations_in_charge,
                "aims": activity.aims,
                "activities": activity.activities,
                "results": activity.results,
            }
            for activity in (project.activities.all() if project.print_part3 else ())
        ],
    }
