from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from certificates.models import SignatureMode
from dashboard.issue_views import approved_participants
from jobs.models import Job, JobItem
from projects.models import Project, not_ready_message


class Command(BaseCommand):
    help = (
        "Issue the certificates of every approved participant of a project, as the "
        "organisers' bulk issue does. Works in this process unless --background is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("project_code", help="the project's code, as in its address")
        parser.add_argument(
            "--signature",
            choices=SignatureMode.values,
            default=SignatureMode.PRINTED,
            help="printed signature block (default) or electronically signed by --by",
        )
        parser.add_argument(
            "--by",
            metavar="EMAIL",
            help="the organiser issuing them (a member of the organisation)",
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="hand the job to the db_worker processes and return at once",
        )

    def handle(self, project_code, signature, by=None, background=False, **options):
        project = Project.objects.select_related("organisation").filter(code=project_code).first()
        if project is None:
            raise CommandError(f"No project has the code {project_code!r}.")
        user = None
        if by:
            user = User.objects.filter(email__iexact=by).first()
            if user is None or project.role_of(user) is None:
                raise CommandError(f"{by} is not a member of the project's organisation.")
        elif signature == SignatureMode.ELECTRONIC:
            raise CommandError("An electronic signature needs --by: the person who signs.")

        if missing := project.organisation.missing_for_issue():
            raise CommandError(not_ready_message(missing))
        participants = list(approved_participants(project).only("pk"))
        if not participants:
            self.stdout.write("No participant is approved and waiting for a certificate.")
            return
        options = {"signature": signature}
        job, started = Job.start(
            project, Job.Kind.ISSUE, participants, by=user, options=options, enqueue=background
        )
        if not started:
            raise CommandError(f"Certificates of this project are being issued (task {job.code}).")
        if background:
            self.stdout.write(f"Started task {job.code} for {len(participants)} participants.")
            return
        job.work()
        counts = job.counts()
        for item in job.items.exclude(state=JobItem.State.DONE).select_related("participant"):
            self.stdout.write(f"{item.get_state_display()}: {item.participant.code}: {item.error}")
        self.stdout.write(
            f"Issued {counts['done']}, skipped {counts['skipped']}, failed {counts['failed']}"
            f" (task {job.code})."
        )
        if counts["failed"]:
            raise CommandError("Some certificates could not be issued; see above.")
