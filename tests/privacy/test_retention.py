import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from certificates.models import Certificate
from participants.models import Goal, JournalEntry, LearningOutcome, Participant
from privacy.retention import years_after
from projects.models import Membership, MembershipRole, Project
from support.models import Feedback, SupportPerson
from tests.conftest import make_project, make_user

RIGA = zoneinfo.ZoneInfo("Europe/Riga")
# The world's project ends on 10 July 2026: with 6 years it is due on 11 July 2032.
DUE = datetime.date(2032, 7, 11)


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(9), RIGA), tick=False)


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def days_before(days: int) -> datetime.date:
    return DUE - datetime.timedelta(days=days)


@pytest.fixture
def record(world, approved_participant):
    """A journal photo, a goal with a mentor's feedback and a valid certificate."""
    participant = approved_participant
    goal = Goal.objects.create(participant=participant, title="Lead a radio interview")
    entry = JournalEntry.objects.create(
        participant=participant, date=datetime.date(2026, 7, 3), text="Pirmais raidījums."
    )
    entry.photo.save("stage.jpg", ContentFile(b"\xff\xd8photo"), save=True)
    mentor = SupportPerson.objects.create(
        project=world.project,
        first_name="Maija",
        last_name="Liepa",
        email="m@example.org",
        role="mentor",
    )
    mentor.participants.add(participant)
    Feedback.objects.create(author=mentor, goal=goal, text="Great goal.")
    (certificate,) = Certificate.issue(participant, world.admin, ["en"])
    return {"entry": entry, "certificate": certificate, "mentor": mentor}


def test_years_after_handles_29_february():
    assert years_after(datetime.date(2024, 2, 29), 6) == datetime.date(2030, 2, 28)
    assert years_after(datetime.date(2024, 2, 29), 4) == datetime.date(2028, 2, 29)
    assert years_after(datetime.date(2026, 7, 10), 6) == datetime.date(2032, 7, 10)


def test_warnings_60_and_7_days_before_are_sent_once_each_to_the_admins(world, mailoutbox):
    world.other_project.end_date = datetime.date(2027, 1, 1)
    world.other_project.save(update_fields=["end_date"])
    second_admin = make_user("second.admin@example.org", "Sandra", "Lāce", language="lv")
    Membership.objects.create(
        organisation=world.organisation, user=second_admin, role=MembershipRole.ADMIN
    )
    with at(days_before(61)):
        run()
    assert mailoutbox == []

    with at(days_before(60)):
        run()
        run()
    assert sorted(m.to[0] for m in mailoutbox) == ["admin@example.org", "second.admin@example.org"]
    mailoutbox[:] = [m for m in mailoutbox if m.to == ["admin@example.org"]]
    body = mailoutbox[0].body
    assert "Voices of the Baltic" in mailoutbox[0].subject
    assert "11 July 2032" in mailoutbox[0].subject
    assert "stay verifiable" in body
    assert "pseudonymised" in body

    with at(days_before(30)):
        run()
    assert len(mailoutbox) == 1

    with at(days_before(7)):
        run()
        run()
    assert sorted(m.to[0] for m in mailoutbox) == [
        "admin@example.org",
        "admin@example.org",
        "second.admin@example.org",
    ]
    # The editor and the outsider (admin of another organisation) get nothing.
    world.project.refresh_from_db()
    assert world.project.retention_warned_60_at and world.project.retention_warned_7_at
    assert world.project.pseudonymised_at is None


def test_after_the_date_the_records_are_pseudonymised_and_the_certificate_verifies(
    client, world, record, mailoutbox, django_capture_on_commit_callbacks
):
    certificate, entry = record["certificate"], record["entry"]
    photo, pdf = entry.photo.name, certificate.pdf.name
    assert default_storage.exists(photo) and default_storage.exists(pdf)
    with at(days_before(60)):
        run()
    with at(days_before(7)):
        run()
    with at(days_before(1)):
        run()
    assert Participant.objects.get(pk=world.participant.pk).date_of_birth is not None

    with at(DUE), django_capture_on_commit_callbacks(execute=True):
        output = run()
        run()
    # The other organisation's project ended on the same day.
    assert "2 projects pseudonymised" in output

    participant = Participant.objects.get(pk=world.participant.pk)
    assert participant.user is None
    assert "Līga" not in participant.full_name and "Kalniņa" not in participant.full_name
    assert participant.date_of_birth is None and participant.place_of_birth == ""
    assert "participant@example.org" not in participant.email
    assert not LearningOutcome.objects.filter(participant=participant).exists()
    assert not Goal.objects.filter(participant=participant).exists()
    assert not JournalEntry.objects.filter(participant=participant).exists()
    assert not participant.submissions.exists() and not participant.reviews.exists()
    assert not Feedback.objects.exists()
    assert not SupportPerson.objects.filter(project=world.project).exists()
    # Without a certificate there is nothing to keep.
    assert not Participant.objects.filter(pk=world.other_participant.pk).exists()
    assert not default_storage.exists(photo) and not default_storage.exists(pdf)

    project = Project.objects.get(pk=world.project.pk)
    assert project.pseudonymised_at is not None
    assert project.description.startswith("Young people from four countries")

    certificate.refresh_from_db()
    assert not certificate.pdf
    assert "2004" not in str(certificate.snapshot) and "Rēzekne" not in str(certificate.snapshot)
    page = client.get(certificate.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert "Valid." in content
    assert "Voices of the Baltic" in content
    assert "Jauniešu centrs Ģēnijs" in content
    assert "2004" not in content and "Rēzekne" not in content


def test_a_project_within_the_period_is_untouched(world, record, mailoutbox):
    later = make_project(world.organisation, title="Later", end_date=datetime.date(2027, 7, 10))
    with at(days_before(60)):
        run()
    with at(days_before(7)):
        run()
    with at(DUE):
        run()
    assert all("Later" not in message.subject for message in mailoutbox)
    later.refresh_from_db()
    assert later.retention_warned_60_at is None and later.pseudonymised_at is None
    world.other_project.refresh_from_db()
    # The other organisation's project ended the same day: its own admin was warned.
    assert world.other_project.pseudonymised_at is not None
    assert {tuple(m.to) for m in mailoutbox} == {("admin@example.org",), ("outsider@example.org",)}


def test_dry_run_changes_nothing(world, record, mailoutbox):
    with at(days_before(60)):
        output = run("--dry-run")
    assert "Voices of the Baltic" in output and "Dry run" in output
    assert mailoutbox == []
    world.project.refresh_from_db()
    assert world.project.retention_warned_60_at is None

    with at(days_before(7)):
        run()
    with at(DUE):
        output = run("--dry-run")
    assert "pseudonymise" in output
    world.project.refresh_from_db()
    assert world.project.pseudonymised_at is None
    participant = Participant.objects.get(pk=world.participant.pk)
    assert participant.date_of_birth == datetime.date(2004, 5, 17)
    assert default_storage.exists(record["certificate"].pdf.name)


def test_a_late_first_run_warns_and_waits_seven_days(world, mailoutbox):
    late = DUE + datetime.timedelta(days=100)
    with at(late):
        run()
    assert len(mailoutbox) == 2  # the admins of both organisations, whose projects ended
    assert "26 October 2032" in mailoutbox[0].subject
    world.project.refresh_from_db()
    assert world.project.pseudonymised_at is None
    with at(late + datetime.timedelta(days=6)):
        run()
    world.project.refresh_from_db()
    assert world.project.pseudonymised_at is None
    with at(late + datetime.timedelta(days=7)):
        run()
    world.project.refresh_from_db()
    assert world.project.pseudonymised_at is not None
    assert len(mailoutbox) == 2


def test_the_retention_period_is_a_setting(settings, world, mailoutbox):
    settings.RETENTION_YEARS = 2
    due = datetime.date(2028, 7, 11)
    with at(due - datetime.timedelta(days=60)):
        run()
    assert len(mailoutbox) == 2  # the admins of both organisations
    with at(due - datetime.timedelta(days=7)):
        run()
    with at(due):
        run()
    world.project.refresh_from_db()
    assert world.project.pseudonymised_at is not None


def test_a_retention_period_under_one_year_is_refused(settings, world):
    settings.RETENTION_YEARS = 0
    with pytest.raises(ImproperlyConfigured):
        run()
    world.project.refresh_from_db()
    assert world.project.pseudonymised_at is None
