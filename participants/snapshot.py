"""The participant's part of a certificate snapshot (see certificates.snapshot)."""


def _iso(value):
    return value.isoformat() if value else None


def participant_snapshot(participant) -> dict:
    """Called in the certificate's language; competence names are stored as printed."""
    return {
        "holder": {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "date_of_birth": _iso(participant.date_of_birth),
            "place_of_birth": participant.place_of_birth,
        },
        "outcomes": [
            {"key": competence.key, "name": str(competence.name), "text": outcome.text}
            for competence, outcome in participant.filled_outcomes()
        ],
    }
