"""Reminders before a project's deadline, for the participants who have not submitted.

The organisers choose the deadline and the days before it (project.reminder_days). Each
day `send_reminders` starts, for every project whose reminder day has come, one REMIND
background job for those who have not submitted yet (jobs.handlers.remind decides
what each of them gets). Every reminder is recorded as a ScheduledReminder, so it goes
once per project, deadline and day: running twice a day sends nothing more, and a run
after a missed day catches up. When several reminders of a project are due at the same
time (the deadline was set late, or runs were missed), only the one nearest the deadline
goes and the others are passed over: one e-mail, not a bundle. Pseudonymised projects
get no reminders.
"""

import datetime
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.utils import timezone

from dashboard.models import ScheduledReminder
from jobs.models import Job
from participants.states import Action
from projects.models import Project


@dataclass
class Sent:
    project: Project
    days_before: int
    recipients: int
    job: Job | None = None


@dataclass
class Summary:
    sent: list[Sent] = field(default_factory=list)
    passed_over: list[Sent] = field(default_factory=list)


def recipients(project: Project):
    """Who a reminder is for: invited or writing, not yet submitted."""
    return project.participants.eligible_for(Action.REMIND).order_by("pk")


def _claim(project, days) -> ScheduledReminder | None:
    """Record the reminder as dealt with; None if another run was first."""
    try:
        with transaction.atomic():
            return ScheduledReminder.objects.create(
                project=project, deadline=project.deadline, days_before=days
            )
    except IntegrityError:
        return None


class _Busy(Exception):
    """Another reminder job is at work on the project: this one waits for the next run."""


def _send(project, days) -> Sent | None:
    """Start the reminder job, unless another run has dealt with this reminder already.

    While other reminders of the project are still being sent, nothing is recorded, so
    that the next run sends this one.
    """
    try:
        with transaction.atomic():
            reminder = _claim(project, days)
            if reminder is None:
                return None
            participants = list(recipients(project).only("pk"))
            if participants:
                reminder.job, started = Job.start(
                    project,
                    Job.Kind.REMIND,
                    participants,
                    by=None,
                    options={"deadline": project.deadline.isoformat(), "days_before": days},
                    enqueue=False,
                )
                if not started:
                    raise _Busy
            reminder.recipients = len(participants)
            reminder.save(update_fields=["job", "recipients"])
    except _Busy:
        return None
    if reminder.job is not None:
        reminder.job.enqueue()
    return Sent(project, days, len(participants), reminder.job)


def next_reminder(project: Project, today: datetime.date) -> tuple[datetime.date, int] | None:
    """When the project's next reminder goes out, and how many days before the deadline.

    A reminder whose day has passed unsent (the deadline was set late, or the daily run
    was missed) goes on the next run, that is today.
    """
    if not project.pending_reminder_days(today, set()):
        return None
    handled = set(
        project.scheduled_reminders.filter(deadline=project.deadline).values_list(
            "days_before", flat=True
        )
    )
    due = project.due_reminder_days(today, handled)
    if due:
        return today, due[-1]
    pending = project.pending_reminder_days(today, handled)
    if not pending:
        return None
    return project.deadline - datetime.timedelta(days=pending[0]), pending[0]


def send_reminders(*, dry_run: bool = False, today: datetime.date | None = None) -> Summary:
    """Start the reminders whose day has come; see the module's docstring for the rules."""
    today = today or timezone.localdate()
    summary = Summary()
    projects = (
        Project.objects.filter(
            pseudonymised_at__isnull=True, deadline__isnull=False, deadline__gt=today
        )
        .select_related("organisation")
        .prefetch_related("scheduled_reminders")
        .order_by("deadline", "pk")
    )
    for project in projects:
        handled = {
            reminder.days_before
            for reminder in project.scheduled_reminders.all()
            if reminder.deadline == project.deadline
        }
        due = project.due_reminder_days(today, handled)
        if not due:
            continue
        *earlier, nearest = due
        for days in earlier:
            summary.passed_over.append(Sent(project, days, 0))
            if not dry_run:
                _claim(project, days)
        if dry_run:
            summary.sent.append(Sent(project, nearest, recipients(project).count()))
        elif sent := _send(project, nearest):
            summary.sent.append(sent)
    return summary
