"""Bulk issue and ZIP of certificates by background workers: how much faster with more of them.

    .venv/bin/python benchmarks/bulk.py [--participants 200] [--workers 1,2] [--timeout 900]

Creates a fresh PostgreSQL database `youthpass_bulk` on 127.0.0.1 (dropped first if it
exists), migrates it and builds one organisation, one project (with partners and Part 3)
and N approved participants with accounts, each with learning outcomes in four
competences (bulk_create). Then, for each number of workers W in --workers, in turn:

- sets the participants back to approved, without certificates;
- starts W `manage.py db_worker` processes with production settings (DEBUG=0), looking
  for tasks every 0.1 s, each logging to a file in the run's temporary directory;
- starts the bulk issue of every approved participant as the organisers' button does
  (`Job.start(project, Job.Kind.ISSUE, …)`), polls the database until the job is finished
  and takes the time from the start to the finish the job records;
- then starts a ZIP of every holder's certificates (`Job.Kind.ZIP`) and times it alike;
- checks the outcome: every participant issued with one valid certificate and its PDF,
  every item of both jobs done, and a ZIP that opens, passes its CRC check and holds one
  PDF per participant (and whatever index comes with them);
- stops the workers.

Prints, per W: seconds and certificates per second for the issue, seconds for the ZIP,
and the total. Then, to show where the time went: the median time of one participant's
item in the issue; how many items were in progress at once on average (the items' own
times from the database over the wall time); the workers' CPU time per certificate; how
many cores the workers kept busy during the issue (their CPU time over the wall time) and
how many the whole machine did (from /proc/stat: the workers, PostgreSQL and anything
else running); and how long the ZIP took after its last item (the finisher that writes
the file, in one worker). Then the speed-up of each W over the first for issue, ZIP and
total, against the goal from the issue for 2 workers over 1 (≥ 1.7×), and the load
average. The figures never fail the run: the machine may be shared and is noisy.

Exits non-zero if an outcome check fails or a job does not finish within --timeout
seconds. Workers are stopped and the database dropped in every case. E-mails go to the
console backend, into the worker logs: EMAIL_HOST is unset for the run, so no SMTP server
is ever tried. `--participants 20` gives a quick run.
"""

import argparse
import datetime
import os
import signal
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from harness import BASE_DIR, fresh_database
from pdf import add_partners_and_activities, paragraphs, words

DB_NAME = "youthpass_bulk"
GOAL_SPEED_UP = 1.7
OUTCOMES_PER_PARTICIPANT = 4
WORDS_PER_OUTCOME = 120
POLL_SECONDS = 0.1
WORKER_STARTUP_TIMEOUT = 60
WORKER_READY_LINE = "Starting worker"


class OutcomeError(Exception):
    """The run did something other than what the product promises."""


# The project


def build_world(count: int):
    """One organisation, its organiser, one project and `count` approved participants."""
    from django.apps import apps
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from accounts.models import User
    from participants.models import LearningOutcome, Participant, ParticipantState
    from projects.formats import Format
    from projects.models import Membership, MembershipRole, Organisation, Project

    organisation = Organisation.objects.create(
        name="Jauniešu centrs Ģēnijs",
        street="Rīgas iela 1",
        town="Cēsis",
        country="LV",
        signatory_name="Ilze Liepiņa",
        signatory_role="Valdes locekle",
    )
    organiser = User.objects.create(
        email="organiser@bulk.example.org", first_name="Anna", last_name="Bērziņa"
    )
    Membership.objects.create(organisation=organisation, user=organiser, role=MembershipRole.ADMIN)
    project = Project.objects.create(
        organisation=organisation,
        format=Format.YOUTH_EXCHANGE,
        title="Upes, kas mūs savieno",
        grant_number="2026-1-LV01-KA152-YOU-000123456",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 7, 10),
        venue_town="Cēsis",
        venue_country="LV",
        description=paragraphs(300, offset=11),
        created_by=organiser,
    )
    add_partners_and_activities(apps, project, worst_case=False)

    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            email=f"participant{number:04d}@bulk.example.org",
            password=unusable,
            first_name="Līga",
            last_name=f"Kalniņa {number}",
            language="lv",
        )
        for number in range(count)
    )
    now = timezone.now()
    participants = Participant.objects.bulk_create(
        Participant(
            project=project,
            user=user,
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
            date_of_birth=datetime.date(2004, 5, 17),
            place_of_birth="Rēzekne",
            country="LV",
            language="lv",
            requested_languages=["lv"],
            state=ParticipantState.APPROVED,
            submitted_at=now,
            approved_at=now,
        )
        for user in users
    )
    keys = [competence.key for competence in participants[0].framework.competences]
    LearningOutcome.objects.bulk_create(
        LearningOutcome(
            participant=participant,
            competence=key,
            text=words(WORDS_PER_OUTCOME, offset=number * 17 + index * 53),
        )
        for number, participant in enumerate(participants)
        for index, key in enumerate(keys[:OUTCOMES_PER_PARTICIPANT])
    )
    return project, organiser


def reset(project):
    """Back to the start: every participant approved, no certificate, no file."""
    from certificates.models import Certificate
    from participants.models import ParticipantState

    certificates = Certificate.objects.filter(participant__project=project)
    for certificate in certificates:
        certificate.pdf.delete(save=False)
    certificates.delete()
    project.participants.update(state=ParticipantState.APPROVED)


# The workers


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process, from /proc."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_ticks() -> tuple[int, int]:
    """All CPUs' busy and total time so far, in ticks, from /proc/stat."""
    with open("/proc/stat") as stat:
        values = [int(value) for value in stat.readline().split()[1:]]
    idle = values[3] + values[4]  # idle and iowait
    return sum(values) - idle, sum(values)


class Workers:
    """`count` db_worker processes with the run's settings, each in a session of its own."""

    def __init__(self, count: int, log_dir: Path):
        self.log_paths = [log_dir / f"worker-{count}-{number}.log" for number in range(count)]
        self.processes: list[subprocess.Popen] = []

    def start(self):
        """Start them and wait until each one looks for tasks."""
        command = [
            sys.executable,
            "manage.py",
            "db_worker",
            *("--interval", str(POLL_SECONDS)),
            "--no-startup-delay",
        ]
        for log_path in self.log_paths:
            with log_path.open("wb") as log:
                self.processes.append(
                    subprocess.Popen(  # noqa: S603
                        command,
                        cwd=BASE_DIR,
                        env=os.environ.copy(),
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
        deadline = time.monotonic() + WORKER_STARTUP_TIMEOUT
        waiting = list(zip(self.processes, self.log_paths, strict=True))
        while waiting:
            if time.monotonic() > deadline:
                raise OutcomeError(f"a worker did not start within {WORKER_STARTUP_TIMEOUT} s")
            for process, log_path in waiting[:]:
                if process.poll() is not None:
                    raise OutcomeError(f"a worker stopped at start (exit {process.returncode})")
                if WORKER_READY_LINE in log_path.read_text(errors="replace"):
                    waiting.remove((process, log_path))
            time.sleep(POLL_SECONDS)

    def cpu_seconds(self) -> float:
        return sum(cpu_seconds(process.pid) for process in self.processes)

    def check_alive(self):
        for process in self.processes:
            if process.poll() is not None:
                raise OutcomeError(f"a worker stopped (exit {process.returncode})")

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def log_tail(self, chars: int = 3000) -> str:
        return "\n".join(
            f"--- {path.name} (tail) ---\n{path.read_text(errors='replace')[-chars:]}"
            for path in self.log_paths
            if path.exists()
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


# One round


@dataclass
class Round:
    workers: int
    issue_seconds: float = 0.0
    item_seconds: float = 0.0
    in_parallel: float = 0.0
    cores_busy: float = 0.0
    machine_busy: float = 0.0
    zip_seconds: float = 0.0
    zip_finish_seconds: float = 0.0
    problems: list[str] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        return self.issue_seconds + self.zip_seconds


def run_job(workers: Workers, project, kind, participants, organiser, timeout: float):
    """Start a job as the organisers' button does; the finished job and its seconds."""
    from django.utils import timezone

    from jobs.models import Job

    started = timezone.now()
    job, _started = Job.start(project, kind, participants, by=organiser)
    deadline = time.monotonic() + timeout
    while Job.objects.filter(pk=job.pk).values_list("state", flat=True).get() != Job.State.DONE:
        workers.check_alive()
        if time.monotonic() > deadline:
            counts = job.counts()
            raise OutcomeError(f"{job.get_kind_display()} not finished after {timeout} s: {counts}")
        time.sleep(POLL_SECONDS)
    job.refresh_from_db()
    return job, (job.finished_at - started).total_seconds()


def check_items(job, count: int) -> list[str]:
    counts = job.counts()
    if counts["total"] == count and counts["done"] == count:
        return []
    return [f"{job.kind}: {count} items expected all done, got {counts}"]


def check_issued(project, count: int) -> list[str]:
    from certificates.models import Certificate
    from participants.models import ParticipantState

    problems = []
    issued = project.participants.filter(state=ParticipantState.ISSUED).count()
    if issued != count:
        problems.append(f"{issued} of {count} participants issued")
    certificates = Certificate.objects.valid().filter(participant__project=project)
    if (valid := certificates.count()) != count:
        problems.append(f"{valid} valid certificates, {count} expected")
    missing = [
        c.certificate_id for c in certificates if not c.pdf or not Path(c.pdf.path).is_file()
    ]
    if missing:
        problems.append(f"{len(missing)} certificates without their PDF, e.g. {missing[0]}")
    return problems


def check_zip(job, count: int) -> list[str]:
    """One PDF per participant; other files (an index) may come with them."""
    if job.result_error or not job.result:
        return [f"no ZIP: {job.result_error or 'no file'}"]
    try:
        with zipfile.ZipFile(job.result.path) as archive:
            if (broken := archive.testzip()) is not None:
                return [f"ZIP entry {broken} fails its CRC check"]
            pdfs = [name for name in archive.namelist() if name.endswith(".pdf")]
            not_pdf = [name for name in pdfs if archive.read(name)[:5] != b"%PDF-"]
    except (OSError, zipfile.BadZipFile) as error:
        return [f"the ZIP does not open: {error}"]
    problems = []
    if len(pdfs) != count:
        problems.append(f"the ZIP holds {len(pdfs)} PDFs, {count} expected")
    if not_pdf:
        problems.append(f"{not_pdf[0]} in the ZIP is not a PDF")
    return problems


def run_round(count: int, project, organiser, log_dir: Path, timeout: float) -> Round:
    from django.db import connections
    from django.db.models import Max

    from dashboard.issue_views import approved_participants
    from jobs.models import Job, JobItem

    result = Round(workers=count)
    reset(project)
    connections.close_all()
    with Workers(count, log_dir) as workers:
        try:
            workers.start()
            print(
                f"{count} worker(s) ready; load average {os.getloadavg()[0]:.1f}; issuing…",
                flush=True,
            )
            participants = list(approved_participants(project).only("pk"))
            expected = len(participants)
            cpu_before, machine_before = workers.cpu_seconds(), machine_ticks()
            job, result.issue_seconds = run_job(
                workers, project, Job.Kind.ISSUE, participants, organiser, timeout
            )
            result.cores_busy = (workers.cpu_seconds() - cpu_before) / result.issue_seconds
            (busy, total), (busy_before, total_before) = machine_ticks(), machine_before
            result.machine_busy = os.cpu_count() * (busy - busy_before) / (total - total_before)
            durations = [
                (item.finished_at - item.started_at).total_seconds()
                for item in job.items.filter(state=JobItem.State.DONE)
            ]
            result.item_seconds = statistics.median(durations) if durations else float("nan")
            result.in_parallel = sum(durations) / result.issue_seconds
            result.problems += check_items(job, expected)
            result.problems += check_issued(project, expected)

            print(f"{count} worker(s): issued in {result.issue_seconds:.1f} s; ZIP…", flush=True)
            holders = list(
                project.participants.filter(certificates__state="valid").distinct().only("pk")
            )
            job, result.zip_seconds = run_job(
                workers, project, Job.Kind.ZIP, holders, organiser, timeout
            )
            last_item = job.items.aggregate(last=Max("finished_at"))["last"]
            result.zip_finish_seconds = (job.finished_at - last_item).total_seconds()
            result.problems += check_items(job, expected)
            result.problems += check_zip(job, expected)
        except OutcomeError as error:
            result.problems.append(str(error))
        if result.problems:
            workers.stop()
            print(workers.log_tail())
    return result


# The report


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def report(rounds: list[Round], participants: int):
    print()
    print(
        f"{participants} participants, {os.cpu_count()} CPUs,"
        f" load average {os.getloadavg()[0]:.1f} at the end"
    )
    print("workers  issue s  certs/s  ZIP s  total s")
    for r in rounds:
        print(
            f"{r.workers:7d}  {r.issue_seconds:7.1f}  {participants / r.issue_seconds:7.2f}"
            f"  {r.zip_seconds:5.1f}  {r.total_seconds:7.1f}"
        )
    print()
    print(
        "workers  issue: item s  in parallel  CPU s/cert  workers' cores  all cores"
        "  ZIP: finisher s"
    )
    for r in rounds:
        print(
            f"{r.workers:7d}  {r.item_seconds:13.2f}  {r.in_parallel:11.2f}"
            f"  {r.cores_busy * r.issue_seconds / participants:10.2f}  {r.cores_busy:14.2f}"
            f"  {r.machine_busy:9.2f}  {r.zip_finish_seconds:15.1f}"
        )
    print()
    first = rounds[0]
    for r in rounds[1:]:
        speed_ups = {
            "issue": first.issue_seconds / r.issue_seconds,
            "ZIP": first.zip_seconds / r.zip_seconds,
            "total": first.total_seconds / r.total_seconds,
        }
        print(f"speed-up of {r.workers} workers over {first.workers}:")
        for name, speed_up in speed_ups.items():
            goal = ""
            if (first.workers, r.workers) == (1, 2):
                goal = f"  (goal ≥ {GOAL_SPEED_UP}×: {verdict(speed_up >= GOAL_SPEED_UP)})"
            print(f"  {name:5s}  {speed_up:.2f}×{goal}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument(
        "--workers", default="1,2", help="worker counts, one round each (default: 1,2)"
    )
    parser.add_argument(
        "--timeout", type=float, default=900, help="seconds one job may take (default: 900)"
    )
    args = parser.parse_args()
    try:
        counts = [int(part) for part in args.workers.split(",")]
    except ValueError:
        parser.error("--workers is a list of numbers, e.g. 1,2")
    if not all(1 <= count <= 8 for count in counts):
        parser.error("each number of workers must be 1 to 8")
    if not (1 <= args.participants <= 2000) or not (0 < args.timeout <= 3600):
        parser.error("--participants must be 1 to 2000 and --timeout in (0, 3600]")

    for name in ("EMAIL_HOST", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
        os.environ.pop(name, None)
    rounds = []
    print(f"Creating {DB_NAME}, migrating, building {args.participants} participants…")
    with fresh_database(DB_NAME) as workdir:
        from django.conf import settings

        if "smtp" in settings.MAILERS["default"]["BACKEND"]:
            raise SystemExit("E-mail would go to an SMTP server; unset EMAIL_HOST.")
        project, organiser = build_world(args.participants)
        for count in counts:
            rounds.append(run_round(count, project, organiser, workdir, args.timeout))
            if rounds[-1].problems:
                break
    problems = [f"{r.workers} worker(s): {p}" for r in rounds for p in r.problems]
    if problems:
        print("\n".join(problems))
        print("FAIL")
        sys.exit(1)
    report(rounds, args.participants)
    print("PASS")


if __name__ == "__main__":
    main()
