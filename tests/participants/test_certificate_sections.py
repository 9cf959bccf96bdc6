"""What Part 2 of an issued certificate prints, read back from the PDF's text."""

import io

from pypdf import PdfReader

from certificates.models import Certificate
from participants.competences import KEY_COMPETENCES
from participants.models import LearningOutcome, ParticipantState
from projects.formats import Format
from tests.certificates.conftest import pdf_text, stored_pdf
from tests.conftest import write_outcomes
from tests.participants.test_frameworks import ETS_AREAS


def issue(world, participant) -> str:
    """Approve the participant's record, issue an English certificate, return its text."""
    participant.refresh_from_db()
    if participant.state != ParticipantState.APPROVED:
        participant.submit()
        participant.approve(world.admin)
    certificate = Certificate.issue_for(participant, world.admin, "en")
    return pdf_text(stored_pdf(certificate))


def with_format(world, project_format):
    world.project.format = project_format
    world.project.save()
    return world.participant


def test_youth_workers_certificate_prints_ets_areas(world):
    participant = with_format(world, Format.YOUTH_WORKERS_MOBILITY)
    write_outcomes(
        participant,
        {
            "facilitating_learning": "I led four sessions on active listening.",
            "civic_engagement": "I introduced a youth vote on the programme.",
        },
    )

    text = issue(world, participant)

    assert "following the ETS Competence Model for Youth Workers" in text
    assert "Facilitating learning I led four sessions on active listening." in text
    assert "Being civically engaged I introduced a youth vote on the programme." in text
    assert text.index("Facilitating learning") < text.index("Being civically engaged")
    for area in set(ETS_AREAS) - {"Facilitating learning", "Being civically engaged"}:
        assert area not in text
    assert "Digital competence" not in text


def test_key_competences_certificate_names_its_framework(world, approved_participant):
    text = issue(world, approved_participant)

    assert "following the Key Competences for Lifelong Learning" in text
    assert "Digital competence I edited a radio show with free software." in text


def test_volunteering_certificate_prints_tasks_and_training(world):
    participant = with_format(world, Format.VOLUNTEERING)
    write_outcomes(participant, {"digital": "I made videos."})
    participant.tasks = "I ran the youth café four afternoons a week."
    participant.training_activities = "On-arrival training, Riga, March 2026."
    participant.save()

    text = issue(world, participant)

    assert "Tasks I ran the youth café four afternoons a week." in text
    assert "Training activities On-arrival training, Riga, March 2026." in text
    assert text.index("I made videos.") < text.index("Tasks I ran")


def test_empty_sections_do_not_appear(world):
    participant = with_format(world, Format.VOLUNTEERING)
    write_outcomes(participant, {"digital": "I made videos.", "literacy": "  "})
    participant.tasks = "I ran the youth café."
    participant.save()

    text = issue(world, participant)

    assert "Tasks I ran the youth café." in text
    assert "Training activities" not in text
    assert "Literacy competence" not in text
    assert "Further evidence" not in text
    assert "Referees" not in text
    assert "DIALOGUE PARTNER" not in text
    assert "SIGNATURE OF THE PARTICIPANT Līga Kalniņa" in text


def test_traineeship_certificate_prints_professional_competences(world):
    participant = with_format(world, Format.TRAINEESHIP_JOB)
    write_outcomes(participant, {"digital": "I made videos."})
    participant.professional_competences = "I planned the newsletter of the communication team."
    participant.save()

    text = issue(world, participant)

    assert "Professional competences I planned the newsletter of the communication team." in text


def test_sections_of_another_format_are_not_printed(world, approved_participant):
    approved_participant.tasks = "Written while the project was a volunteering one."
    approved_participant.save()

    text = issue(world, approved_participant)

    assert "Written while the project was" not in text
    assert "Tasks" not in text


def test_evidence_referees_and_dialogue_partner_are_printed(world, approved_participant):
    approved_participant.replace_evidence(
        [("https://example.org/blog", "My blog about the radio show"), ("http://x.org/v", "")]
    )
    approved_participant.replace_referees(
        [
            ("Marta Ozoliņa", "Mentor, Jauniešu centrs Ģēnijs", "marta@example.org"),
            ("Jānis Bērziņš", "", "+371 2612 3456"),
        ]
    )
    approved_participant.dialogue_partner = "Pēteris Liepa"
    approved_participant.save()

    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    pdf = stored_pdf(certificate)
    text = pdf_text(pdf)

    assert "Further evidence My blog about the radio show https://example.org/blog" in text
    assert "http://x.org/v" in text
    assert "Referees These people can confirm the learning described above." in text
    assert "Marta Ozoliņa Mentor, Jauniešu centrs Ģēnijs marta@example.org" in text
    assert "Jānis Bērziņš +371 2612 3456" in text
    assert "SIGNATURE OF THE PARTICIPANT Līga Kalniņa" in text
    assert "SIGNATURE OF THE DIALOGUE PARTNER Pēteris Liepa" in text
    # Printed as text, never as a link that a reader (or the renderer) would follow.
    link_targets = [
        annotation.get_object().get("/A", {}).get("/URI")
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots", [])
    ]
    assert "https://example.org/blog" not in link_targets
    assert "http://x.org/v" not in link_targets


def test_one_referee_is_introduced_in_the_singular(world, approved_participant):
    approved_participant.replace_referees([("Marta Ozoliņa", "Mentor", "marta@example.org")])

    text = issue(world, approved_participant)

    assert "This person can confirm the learning described above." in text


def longest_text(number: int) -> str:
    """Exactly LearningOutcome.MAX_LENGTH characters of prose in paragraphs, ending in words
    of its own."""
    ending = f"That is the end of outcome number {number}."
    sentence = "I learned to plan my week and to ask the team for help when I needed it."
    sentences = []
    while len(" ".join([*sentences, sentence, ending])) <= LearningOutcome.MAX_LENGTH:
        sentences.append(sentence + ("\n\n" if len(sentences) % 9 == 8 else ""))
    # Leading spaces make up the exact length; the printed text starts at the first word.
    text = " ".join([*sentences, ending]).rjust(LearningOutcome.MAX_LENGTH)
    assert len(text) == LearningOutcome.MAX_LENGTH
    return text


def test_the_longest_self_assessment_flows_onto_further_pages(world, approved_participant):
    write_outcomes(
        approved_participant,
        {competence.key: longest_text(n) for n, competence in enumerate(KEY_COMPETENCES, 1)},
    )

    certificate = Certificate.issue_for(approved_participant, world.admin, "en")
    pdf = stored_pdf(certificate)
    text = pdf_text(pdf)

    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 6
    for number, competence in enumerate(KEY_COMPETENCES, 1):
        assert str(competence.name) in text
        assert f"That is the end of outcome number {number}." in text
    assert "SIGNATURE OF THE PARTICIPANT Līga Kalniņa" in text
