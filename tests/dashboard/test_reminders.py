"""Reminders before the deadline: `manage.py send_reminders`, run daily from cron."""

import datetime
import io
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dashboard.models import ScheduledReminder
from jobs.models import Job
from participants.models import Participant, ParticipantState
from tests.conftest import login
from tests.jobs.conftest import add_participants
from tests.projects.test_project_views import PROJECT_DATA

RIGA = zoneinfo.ZoneInfo("Europe/Riga")
DEADLINE = datetime.date(2026, 7, 20)


def at(day: datetime.date, hour: int = 6):
    moment = datetime.datetime.combine(day, datetime.time(hour), RIGA)
    return time_machine.travel(moment, tick=False)


def before(days: int) -> datetime.date:
    return DEADLINE - datetime.timedelta(days=days)


def run(*args) -> str:
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def recipients():
    return sorted(message.to[0] for message in mail.outbox)


@pytest.fixture
def project(world):
    """The world's project with a deadline, reminders 7 and 1 days before, and participants
    in every state that matters: two writing (the world's), returned, invited, submitted,
    approved, and added (never invited)."""
    project = world.project
    project.deadline = DEADLINE
    project.reminder_days = [7, 1]
    project.save()
    add_participants(project, 1, state=ParticipantState.RETURNED, prefix="returned")
    invited = add_participants(project, 1, state=ParticipantState.INVITED, prefix="invited")[0]
    Participant.objects.filter(pk=invited.pk).update(user=None)
    for state in (ParticipantState.SUBMITTED, ParticipantState.APPROVED, ParticipantState.ADDED):
        add_participants(project, 1, state=state, prefix=state)
    return project


WAITING = sorted(
    [
        "participant@example.org",
        "other.participant@example.org",
        "returned0@example.org",
        "invited0@example.org",
    ]
)


def test_nothing_before_the_first_reminder_day(project):
    with at(before(8)):
        assert "Reminders started for 0 projects, 0 participants." in run()
    assert not mail.outbox
    assert not ScheduledReminder.objects.exists()


def test_on_the_day_those_who_have_not_submitted_are_reminded(project):
    with at(before(7)):
        output = run()
    assert "remind (7 days before 2026-07-20): Voices of the Baltic" in output
    assert "4 participants" in output
    # Writing and returned get a reminder; the invited one, who has no account yet, a fresh
    # invitation; submitted, approved and never-invited get nothing.
    assert recipients() == WAITING
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "Please submit it by 20 July 2026." in by_address["returned0@example.org"].body
    assert "/invitations/" in by_address["invited0@example.org"].body
    reminder = ScheduledReminder.objects.get()
    assert (reminder.deadline, reminder.days_before, reminder.recipients) == (DEADLINE, 7, 4)
    assert reminder.job.kind == Job.Kind.REMIND
    assert reminder.job.state == Job.State.DONE
    assert reminder.job.created_by is None
    world_participant = Participant.objects.get(email="participant@example.org")
    assert world_participant.last_reminded_at is not None


def test_running_twice_the_same_day_sends_once(project):
    with at(before(7)):
        run()
    with at(before(7), hour=18):
        assert "Reminders started for 0 projects" in run()
    assert len(mail.outbox) == 4
    assert ScheduledReminder.objects.count() == 1


def test_a_missed_day_is_caught_up_once(project):
    with at(before(5)):
        run()
    assert recipients() == WAITING
    with at(before(4)):
        run()
    assert len(mail.outbox) == 4


def test_each_reminder_day_goes_once(project):
    for days in range(9, 0, -1):
        with at(before(days)):
            run()
    assert len(mail.outbox) == 8
    assert sorted(ScheduledReminder.objects.values_list("days_before", flat=True)) == [1, 7]


def test_when_several_are_due_only_the_nearest_to_the_deadline_goes(project):
    # The deadline was set (or the runs were down) too late for the 7-day reminder.
    with at(before(1)):
        output = run()
    assert "pass over (7 days before; a later one goes)" in output
    assert len(mail.outbox) == 4
    sent, passed = ScheduledReminder.objects.order_by("days_before")
    assert (sent.days_before, passed.days_before) == (1, 7)
    assert sent.job is not None and passed.job is None
    with at(before(1), hour=20):
        run()
    assert len(mail.outbox) == 4


def test_nothing_on_or_after_the_deadline(project):
    for day in (DEADLINE, DEADLINE + datetime.timedelta(days=3)):
        with at(day):
            run()
    assert not mail.outbox


def test_moving_the_deadline_schedules_anew(project):
    with at(before(7)):
        run()
    project.deadline = DEADLINE + datetime.timedelta(days=14)
    project.save()
    with at(before(7) + datetime.timedelta(days=1)):
        run()
    assert len(mail.outbox) == 4
    with at(project.deadline - datetime.timedelta(days=7)):
        run()
    assert len(mail.outbox) == 8
    assert ScheduledReminder.objects.filter(deadline=project.deadline).count() == 1


def test_only_the_chosen_days(project):
    project.reminder_days = [3]
    project.save()
    with at(before(7)):
        run()
    assert not mail.outbox
    with at(before(3)):
        run()
    assert len(mail.outbox) == 4


def test_no_reminder_days_no_reminders(project):
    project.reminder_days = []
    project.save()
    with at(before(1)):
        run()
    assert not mail.outbox


def test_pseudonymised_projects_get_no_reminders(project):
    project.pseudonymised_at = timezone.now()
    project.save()
    with at(before(7)):
        run()
    assert not mail.outbox
    assert not ScheduledReminder.objects.exists()


def test_when_everyone_has_submitted_nothing_goes_and_it_is_recorded(world, project):
    project.participants.exclude(
        state__in=[ParticipantState.SUBMITTED, ParticipantState.APPROVED]
    ).update(state=ParticipantState.SUBMITTED)
    with at(before(7)):
        run()
    assert not mail.outbox
    assert not Job.objects.exists()
    assert ScheduledReminder.objects.get().recipients == 0


def test_dry_run_sends_and_records_nothing(project):
    with at(before(1)):
        output = run("--dry-run")
    assert "[dry run] remind (1 days before 2026-07-20)" in output
    assert "[dry run] pass over (7 days before" in output
    assert "Dry run: reminders for 1 projects, 4 participants; nothing was sent" in output
    assert not mail.outbox
    assert not ScheduledReminder.objects.exists()
    assert not Job.objects.exists()


def test_another_run_that_was_first_wins(project):
    """Two runs at once: the one that records the reminder first sends it."""
    ScheduledReminder.objects.create(project=project, deadline=DEADLINE, days_before=7)
    from dashboard import reminders

    assert reminders._send(project, 7) is None
    assert not mail.outbox


def test_the_dashboard_shows_the_next_reminder(client, world, project):
    login(client, world.admin)
    with at(before(10)):
        page = client.get(project.get_absolute_url()).text
    assert "13 July 2026" in page
    assert "7 days before the deadline" in page
    with at(before(7)):
        run()
        page = client.get(project.get_absolute_url()).text
    assert "19 July 2026" in page
    assert "1 day before the deadline" in page
    with at(before(1)):
        run()
        page = client.get(project.get_absolute_url()).text
    assert "None scheduled." in page


# The deadline and reminders on the project's edit form.


def test_the_edit_form_sets_the_deadline_and_the_reminder_days(client, world):
    login(client, world.editor)
    edit = reverse("projects:edit", args=[world.project.code])
    page = client.get(edit).text
    assert 'type="date" name="deadline"' in page
    for days in ("14 days before", "7 days before", "3 days before", "1 day before"):
        assert days in page
    data = {**PROJECT_DATA, "deadline": "2026-07-20", "reminder_days": ["14", "3"]}
    response = client.post(edit, data)
    assert response.status_code == 302
    world.project.refresh_from_db()
    assert world.project.deadline == DEADLINE
    assert world.project.reminder_days == [14, 3]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        # The project starts on 1 March 2026.
        ({"deadline": "2026-02-28"}, "The deadline cannot be before the project starts."),
        ({"deadline": "soon"}, "Enter a valid date."),
        ({"reminder_days": ["5"]}, "Select a valid choice. 5 is not one of the available choices."),
        ({"reminder_days": ["x"]}, "Select a valid choice."),
    ],
)
def test_the_edit_form_refuses_bad_deadlines_and_days(client, world, changes, message):
    login(client, world.editor)
    edit = reverse("projects:edit", args=[world.project.code])
    response = client.post(edit, {**PROJECT_DATA, **changes})
    assert response.status_code == 200
    assert message in response.text
    world.project.refresh_from_db()
    assert world.project.title == "Voices of the Baltic"


def test_the_task_pages_say_it_was_a_scheduled_reminder(client, world, project):
    with at(before(7)):
        run()
    job = Job.objects.get()
    login(client, world.editor)
    assert "as the reminder 7 days before the deadline." in client.get(job.get_absolute_url()).text
    page = client.get(reverse("jobs:list", args=[project.code])).text
    assert "Scheduled reminder" in page


def test_reminder_choices_and_dashboard_legend_in_latvian(client, world):
    login(client, world.editor)
    client.cookies["django_language"] = "lv"
    edit = client.get(reverse("projects:edit", args=[world.project.code]))
    assert "7 dienas iepriekš" in edit.text
    assert "7 days before" not in edit.text
    dashboard = client.get(world.project.get_absolute_url())
    assert "Nav sākts" in dashboard.text
    assert "Not started" not in dashboard.text
