"""The participant's part of a certificate snapshot (see certificates.snapshot)."""


def _iso(value):
    return value.isoformat() if value else None


def participant_snapshot(participant) -> dict:
    """Called in the certificate's language; names and titles are stored as printed.

    The holder's own dates are given only where they differ from the project's, so that
    Part 1 prints the project's dates unless the participant took part for less. The
    training and evaluation cycle is that of the volunteering formats, empty for others.
    """
    framework = participant.framework
    start_date, end_date = participant.period if participant.has_own_period else (None, None)
    return {
        "holder": {
            "first_name": participant.first_name,
            "last_name": participant.last_name,
            "date_of_birth": _iso(participant.date_of_birth),
            "place_of_birth": participant.place_of_birth,
            "start_date": _iso(start_date),
            "end_date": _iso(end_date),
        },
        "framework": framework.key,
        "framework_name": str(framework.name),
        "outcomes": [
            {"key": competence.key, "name": str(competence.name), "text": outcome.text}
            for competence, outcome in participant.filled_outcomes()
        ],
        "sections": [
            {"key": section.key, "title": str(section.title), "text": text}
            for section, text in participant.filled_sections()
        ],
        "evidence": [
            {"url": link.url, "description": link.description}
            for link in participant.evidence_links.all()
        ],
        "referees": [
            {"name": referee.name, "role": referee.role, "contact": referee.contact}
            for referee in participant.referees.all()
        ],
        "dialogue_partner": participant.dialogue_partner,
        "training_cycle": [
            {"key": event.key, "name": str(event.name), "date": _iso(day)}
            for event, day in participant.training_cycle_attended()
        ],
    }
