"""The formats of 2021–2027 added later: volunteering in humanitarian aid and the Training and
Cooperation Activities; and the volunteers' training and evaluation cycle in Part 1."""

import datetime

import pytest

from certificates.models import Certificate
from certificates.rendering import render_certificate_html
from projects.formats import Format
from tests.certificates.conftest import pdf_text, stored_pdf
from tests.conftest import write_outcomes


def issue(world, participant, language="en") -> Certificate:
    participant.refresh_from_db()
    participant.submit()
    participant.approve(world.admin)
    return Certificate.issue_for(participant, world.admin, language)


def with_format(world, project_format):
    world.project.format = project_format
    world.project.save()
    return world.participant


def test_a_humanitarian_aid_volunteers_certificate(world):
    volunteer = with_format(world, Format.HUMANITARIAN_AID_VOLUNTEERING)
    write_outcomes(
        volunteer,
        {
            "personal_social_learning": "I learned to stay calm when plans changed every day.",
            "multilingual": "I can now explain a water filter in French.",
        },
    )
    volunteer.tasks = "I helped run the water point of a camp for displaced families."
    volunteer.training_activities = "A course in psychological first aid."
    volunteer.save()
    volunteer.record_training_cycle(
        [
            ("pre_departure", datetime.date(2026, 6, 20)),
            ("on_arrival", datetime.date(2026, 7, 2)),
            ("mid_term", None),
        ]
    )

    text = pdf_text(stored_pdf(issue(world, volunteer)))

    assert "Volunteering in Humanitarian Aid" in text
    assert "European Solidarity Corps – European Voluntary Humanitarian Aid Corps" in text
    assert "following the Key Competences for Lifelong Learning" in text
    assert "Personal, social and learning to learn competence I learned to stay calm" in text, text
    assert "Multilingual competence I can now explain a water filter in French." in text
    assert "Tasks I helped run the water point" in text
    assert "Training activities A course in psychological first aid." in text
    assert (
        "Training and evaluation cycle Pre-departure training, 20 June 2026 "
        "On-arrival training, 2 July 2026 Mid-term evaluation"
    ) in text


def test_a_training_and_cooperation_activity_certificate(world):
    participant = with_format(world, Format.TRAINING_COOPERATION)
    write_outcomes(
        participant,
        {
            "designing_programmes": "I co-designed a two-day module on inclusion.",
            "networking_advocating": "I found two partners for a project next year.",
        },
    )

    text = pdf_text(stored_pdf(issue(world, participant)))

    assert "Training and Cooperation Activity" in text
    assert "Erasmus+ Youth · Training and Cooperation Activity" in text
    assert "following the ETS Competence Model for Youth Workers" in text
    assert "Designing programmes I co-designed a two-day module on inclusion." in text
    assert "Networking and advocating I found two partners for a project next year." in text
    assert "Digital competence" not in text
    assert "Tasks" not in text
    assert "Training and evaluation cycle" not in text


def test_a_long_term_volunteer_names_on_arrival_training_and_mid_term_evaluation(world):
    volunteer = with_format(world, Format.VOLUNTEERING)
    write_outcomes(volunteer, {"digital": "I made videos."})
    volunteer.record_training_cycle(
        [("on_arrival", datetime.date(2026, 7, 2)), ("mid_term", datetime.date(2026, 7, 8))]
    )

    certificate = issue(world, volunteer)
    text = pdf_text(stored_pdf(certificate))

    assert (
        "Training and evaluation cycle On-arrival training, 2 July 2026 "
        "Mid-term evaluation, 8 July 2026"
    ) in text
    assert "European Solidarity Corps · Volunteering" in text
    assert certificate.snapshot["training_cycle"] == [
        {"key": "on_arrival", "name": "On-arrival training", "date": "2026-07-02"},
        {"key": "mid_term", "name": "Mid-term evaluation", "date": "2026-07-08"},
    ]


@pytest.mark.parametrize(
    "project_format",
    [Format.YOUTH_EXCHANGE, Format.TRAINEESHIP_JOB, Format.TRAINING_COOPERATION],
)
def test_no_cycle_for_formats_that_are_not_volunteering(world, project_format):
    """Even a cycle recorded while the project was of a volunteering format stays off."""
    participant = with_format(world, Format.VOLUNTEERING)
    participant.record_training_cycle([("on_arrival", datetime.date(2026, 7, 2))])
    participant = with_format(world, project_format)
    write_outcomes(participant, {"digital": "I made videos.", "facilitating_learning": "I led."})

    certificate = issue(world, participant)
    text = pdf_text(stored_pdf(certificate))

    assert certificate.snapshot["training_cycle"] == []
    assert "Training and evaluation cycle" not in text
    assert "On-arrival training" not in text


def test_a_certificate_issued_before_the_cycle_renders_as_it_did(world):
    volunteer = with_format(world, Format.VOLUNTEERING)
    write_outcomes(volunteer, {"digital": "I made videos."})
    certificate = issue(world, volunteer)
    with_empty_cycle = render_certificate_html(certificate)

    # What a certificate issued before the cycle was recorded holds.
    del certificate.snapshot["training_cycle"]
    certificate.save(update_fields=["snapshot"])
    certificate.refresh_from_db()

    assert "training_cycle" not in certificate.snapshot
    assert render_certificate_html(certificate) == with_empty_cycle
    assert "Training and evaluation cycle" not in with_empty_cycle


def test_the_cycle_is_not_public(client, world):
    volunteer = with_format(world, Format.VOLUNTEERING)
    write_outcomes(volunteer, {"digital": "I made videos."})
    volunteer.record_training_cycle([("on_arrival", datetime.date(2026, 7, 2))])
    certificate = issue(world, volunteer)

    page = client.get(certificate.verification_url).content.decode()

    assert "Līga Kalniņa" in page
    assert "On-arrival training" not in page
    certificate.reduce_to_public_part()
    certificate.refresh_from_db()
    assert "training_cycle" not in certificate.snapshot
