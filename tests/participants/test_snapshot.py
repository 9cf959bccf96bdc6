import datetime
import json

from django.utils import translation

from participants.frameworks import PROFESSIONAL_COMPETENCES
from participants.snapshot import participant_snapshot
from projects.formats import Format
from tests.conftest import write_outcomes


def snapshot_of(participant, language="en"):
    with translation.override(language):
        snapshot = participant_snapshot(participant)
    assert json.loads(json.dumps(snapshot)) == snapshot
    return snapshot


def test_a_plain_record(world, approved_participant):
    snapshot = snapshot_of(approved_participant)

    assert snapshot["holder"] == {
        "first_name": "Līga",
        "last_name": "Kalniņa",
        "date_of_birth": "2004-05-17",
        "place_of_birth": "Rēzekne",
        "start_date": None,
        "end_date": None,
    }
    assert snapshot["framework"] == "key_competences"
    assert snapshot["framework_name"] == "Key Competences for Lifelong Learning"
    assert [outcome["key"] for outcome in snapshot["outcomes"]] == ["multilingual", "digital"]
    assert snapshot["sections"] == []
    assert snapshot["evidence"] == []
    assert snapshot["referees"] == []
    assert snapshot["dialogue_partner"] == ""


def test_own_period_gives_both_dates(world):
    world.participant.end_date = datetime.date(2026, 7, 6)

    holder = snapshot_of(world.participant)["holder"]

    assert (holder["start_date"], holder["end_date"]) == ("2026-07-01", "2026-07-06")


def test_youth_workers_ets_areas_in_the_models_order(world):
    world.project.format = Format.YOUTH_WORKERS_MOBILITY
    world.project.save()
    write_outcomes(
        world.participant,
        {"civic_engagement": "I ran a vote.", "designing_programmes": "A plan.", "stem": "Old."},
    )

    snapshot = snapshot_of(world.participant)

    assert snapshot["framework"] == "ets_youth_workers"
    assert snapshot["framework_name"] == "ETS Competence Model for Youth Workers"
    assert snapshot["outcomes"] == [
        {"key": "designing_programmes", "name": "Designing programmes", "text": "A plan."},
        {"key": "civic_engagement", "name": "Being civically engaged", "text": "I ran a vote."},
    ]


def test_sections_of_the_format_with_text_only(world):
    world.project.format = Format.VOLUNTEERING
    world.project.save()
    participant = world.participant
    participant.tasks = "I ran the youth café."
    participant.training_activities = "  \n "
    participant.professional_competences = "Not printed for volunteers."

    assert snapshot_of(participant)["sections"] == [
        {"key": "tasks", "title": "Tasks", "text": "I ran the youth café."}
    ]


def test_evidence_referees_and_dialogue_partner(world):
    participant = world.participant
    participant.replace_evidence([("https://example.org/blog", "My blog"), ("https://x.org/", "")])
    participant.replace_referees([("Marta", "Mentor", "marta@example.org")])
    participant.dialogue_partner = "Pēteris Liepa"

    snapshot = snapshot_of(participant)

    assert snapshot["evidence"] == [
        {"url": "https://example.org/blog", "description": "My blog"},
        {"url": "https://x.org/", "description": ""},
    ]
    assert snapshot["referees"] == [
        {"name": "Marta", "role": "Mentor", "contact": "marta@example.org"}
    ]
    assert snapshot["dialogue_partner"] == "Pēteris Liepa"


def test_names_are_stored_in_the_certificate_language(world):
    world.project.format = Format.TRAINEESHIP_JOB
    world.project.save()
    world.participant.professional_competences = "Es rakstīju ziņojumus."

    snapshot = snapshot_of(world.participant, "lv")

    with translation.override("lv"):
        assert snapshot["sections"][0]["title"] == str(PROFESSIONAL_COMPETENCES.title)
