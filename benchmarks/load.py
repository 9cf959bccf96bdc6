"""How many requests a second the busiest pages serve, against a minimal Django view.

    .venv/bin/python benchmarks/load.py [--participants 500] [--seconds 15] [--warmup 2]
                                        [--concurrency 8] [--max-requests 100000]

Creates a fresh PostgreSQL database `youthpass_load` on 127.0.0.1 (dropped first if it
exists), migrates it and builds, mostly with bulk_create, one organisation and one project
with N participants in every state, a few of them with texts. One participant who is still
writing has a text for every competence, goals and journal entries; another holds an
issued certificate. Then starts gunicorn (4 gthread workers × 4 threads) on a free port of
127.0.0.1 with production settings (DEBUG=0) and the URLs of benchmarks/urls.py, which add
`_floor/`: a view that answers "ok", through the same middleware as every page.

A load generator in a second process then requests each page in turn with C connections
kept alive (--concurrency), for a warm-up and then S seconds that count (--seconds), at
most --max-requests requests a page:

- the floor (`_floor/`, anonymous), before the pages and again after them;
- the organiser dashboard (`dashboard:project`) of the project, as its admin;
- the self-assessment page (`participants:outcomes`) of the participant with texts;
- the verification page (`certificates:verify`) of the certificate, anonymous.

It prints, per page, requests, requests per second, p50 and p95 latency, throughput as a
share of the floor's (the mean of its two runs), the load average, the generator's own CPU
use, and the goals: verification ≥ 60 % of the floor, the dashboard for 500 participants
≥ 25 %, p95 under 250 ms for every page. Missing a goal is a finding, not a failure: the
run exits 0 then, and non-zero on any answer other than 200 or a transport error.

The machine's other work shows in the figures: compare figures from one run, and read the
load average beside them. gunicorn is stopped and the database dropped in every case;
everything stays on 127.0.0.1, and the run stops by itself.
"""

import argparse
import http.client
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from harness import (
    PASSWORD,
    REQUEST_TIMEOUT,
    Browser,
    Gunicorn,
    fresh_database,
    organisation_with_project,
    percentile,
)

DB_NAME = "youthpass_load"
SETTINGS = "benchmarks.settings"
FLOOR_PATH = "/_floor/"
WORKERS = 4
THREADS = 4
GOAL_P95_MS = 250
GOAL_SHARE = {"verification": 0.60, "dashboard": 0.25}
# Participants' states on the dashboard, repeated in this proportion.
STATES = (
    ["added"] * 2
    + ["invited"] * 3
    + ["active"] * 8
    + ["submitted"] * 2
    + ["returned"] * 1
    + ["approved"] * 2
    + ["issued"] * 2
)
FIRST_NAMES = ["Līga", "Jānis", "Oksana", "Γιώργος", "Marta", "Kristjan", "Aistė", "Paweł"]
LAST_NAMES = ["Kalniņa", "Ščerbina", "Kovalenko", "Παπαδόπουλος", "Ozola", "Tamm", "Nowak"]
COUNTRIES = ["LV", "EE", "LT", "PL", "UA", "GR", "DE"]


# The data


def build_world(count: int) -> dict:
    """The project with `count` participants; the people and objects the pages are about."""
    from django.apps import apps
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone
    from pdf import add_partners_and_activities, words

    from accounts.models import User
    from certificates.models import Certificate
    from participants.models import (
        Goal,
        JournalEntry,
        LearningOutcome,
        Participant,
        ParticipantState,
    )

    password = make_password(PASSWORD)  # one Argon2 hash for all: the same password
    admin, project = organisation_with_project(
        "admin@load.example.org", password, description=words(120)
    )
    add_partners_and_activities(apps, project, worst_case=False)

    now = timezone.now()
    submitted = ("submitted", "returned", "approved", "issued")
    people = []
    for number in range(count):
        state = STATES[number % len(STATES)]
        first, last = FIRST_NAMES[number % 8], f"{LAST_NAMES[number % 7]} {number}"
        people.append(
            Participant(
                project=project,
                first_name=first,
                last_name=last,
                email=f"participant{number:04d}@load.example.org",
                country=COUNTRIES[number % len(COUNTRIES)],
                state=state,
                submitted_at=now if state in submitted else None,
                approved_at=now if state in ("approved", "issued") else None,
            )
        )
    with_accounts = [
        p for p in people if p.state not in (ParticipantState.ADDED, ParticipantState.INVITED)
    ]
    users = User.objects.bulk_create(
        User(email=p.email, password=password, first_name=p.first_name, last_name=p.last_name)
        for p in with_accounts
    )
    for participant, user in zip(with_accounts, users, strict=True):
        participant.user = user
    Participant.objects.bulk_create(people)

    competences = [c.key for c in people[0].framework.competences]
    LearningOutcome.objects.bulk_create(
        LearningOutcome(participant=p, competence=key, text=words(60, offset=n))
        for n, p in enumerate(with_accounts[::20])
        for key in competences[:3]
    )

    writer, holder = [p for p in people if p.state == ParticipantState.ACTIVE][1:3]
    for participant in (writer, holder):
        LearningOutcome.objects.filter(participant=participant).delete()
        LearningOutcome.objects.bulk_create(
            LearningOutcome(participant=participant, competence=key, text=words(160, offset=n))
            for n, key in enumerate(competences)
        )
    Goal.objects.bulk_create(
        Goal(participant=writer, competence=key, title=words(8, offset=n), how=words(40))
        for n, key in enumerate(competences[:4])
    )
    JournalEntry.objects.bulk_create(
        JournalEntry(
            participant=writer, text=words(80, offset=n), competences=competences[n : n + 2]
        )
        for n in range(6)
    )
    holder.submit()
    holder.approve(admin)
    [certificate] = Certificate.issue(holder, admin, ["en"])
    return {
        "admin": admin.email,
        "writer": writer,
        "writer_text": words(160)[:40],
        "project": project,
        "certificate": certificate,
    }


# The load generator, in a process of its own


@dataclass
class Result:
    requests: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    cpu: float = 0.0
    load: float = 0.0


def drive(pipe, port: int, path: str, cookies: dict, args: dict):
    """GET `path` from `concurrency` threads, each with its own kept-alive connection, for
    `warmup` seconds and then `seconds` that count; at most `max_requests` in all."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent ends this process
    lock = threading.Lock()
    result = Result()
    budget = [args["max_requests"]]
    begun = time.monotonic()
    counted_from = begun + args["warmup"]
    until = counted_from + args["seconds"]
    finished = [counted_from]

    def work():
        browser = Browser(port, cookies, keep_alive=True)
        while time.monotonic() < until and len(result.errors) < 100:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            started = time.monotonic()
            try:
                response = browser.request("GET", path)
            except (OSError, http.client.HTTPException) as error:
                with lock:
                    result.errors.append(f"{type(error).__name__}: {error}")
                continue
            done = time.monotonic()
            with lock:
                result.statuses[response.status] += 1
                if started >= counted_from and done <= until:
                    result.latencies.append(response.seconds)
                    finished[0] = max(finished[0], done)
        browser.close()

    cpu = time.process_time()
    threads = [threading.Thread(target=work, daemon=True) for _ in range(args["concurrency"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=until - time.monotonic() + 2 * REQUEST_TIMEOUT)
    result.requests = len(result.latencies)
    # Shorter than --seconds only where --max-requests ended the page early.
    result.seconds = (until if budget[0] > 0 else finished[0]) - counted_from
    result.cpu = (time.process_time() - cpu) / (time.monotonic() - begun)
    pipe.send(result)
    pipe.close()


def measure(port: int, path: str, cookies: dict, args) -> Result:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    settings = {
        name: getattr(args, name) for name in ("concurrency", "warmup", "seconds", "max_requests")
    }
    process = context.Process(
        target=drive, args=(sender, port, path, cookies, settings), daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(args.warmup + args.seconds + 3 * REQUEST_TIMEOUT + 30):
            raise RuntimeError(f"the load generator for {path} did not report in time")
        result = receiver.recv()
        process.join(timeout=10)
    finally:
        if process.is_alive():
            process.terminate()
            process.join(timeout=10)
    result.load = os.getloadavg()[0]
    return result


# Reporting


def report(args, pages: list[tuple[str, str, Result]]) -> bool:
    floors = [result for name, _key, result in pages if name.startswith("floor")]
    floor = sum(r.requests / r.seconds for r in floors) / len(floors)
    print(
        f"\nLoad: {args.participants} participants, {args.concurrency} connections kept alive, "
        f"{args.seconds:g} s a page after {args.warmup:g} s warm-up, "
        f"gunicorn {WORKERS} workers × {THREADS} threads, PostgreSQL, {os.cpu_count()} CPUs"
    )
    head = (
        f"{'page':<24}{'requests':>9}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}"
        f"{'floor':>7}{'load':>6}{'gen cpu':>8}  {'goal':<24}met"
    )
    print(head)
    print("-" * len(head))
    ok = True
    for name, key, result in pages:
        rate = result.requests / result.seconds if result.seconds else 0.0
        p50 = percentile(result.latencies, 0.5) * 1000
        p95 = percentile(result.latencies, 0.95) * 1000
        share = rate / floor if floor else 0.0
        goals = [f"p95 < {GOAL_P95_MS} ms"]
        met = p95 < GOAL_P95_MS
        if key in GOAL_SHARE:
            goals.insert(0, f"≥ {GOAL_SHARE[key]:.0%}")
            met = met and share >= GOAL_SHARE[key]
        print(
            f"{name:<24}{result.requests:>9}{rate:>8.0f}{p50:>8.1f}{p95:>8.1f}"
            f"{share:>7.0%}{result.load:>6.2f}{result.cpu:>8.0%}  {', '.join(goals):<24}"
            f"{'yes' if met else 'no'}"
        )
        unexpected = {s: n for s, n in result.statuses.items() if s != 200}
        if unexpected or result.errors or not result.requests:
            ok = False
            print(f"  {name}: answers {dict(unexpected)}, transport errors {len(result.errors)}")
            for error in result.errors[:5]:
                print(f"    {error}")
    load = os.getloadavg()
    print(
        f"load average at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"(1, 5, 15 min); 'load' above is the 1-minute figure after each page, 'gen cpu' "
        f"the load generator's share of one CPU"
    )
    return ok


def check_pages(port: int, pages: list[tuple[str, str, str, dict, str]]) -> bool:
    """Each page once, before the load: it answers 200 and shows what it is about."""
    ok = True
    for name, _key, path, cookies, expected in pages:
        response = Browser(port, cookies).request("GET", path)
        if response.status != 200 or expected.encode() not in response.content:
            print(f"{name} ({path}): {response.status}, {expected!r} not on the page")
            ok = False
    return ok


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=100_000)
    args = parser.parse_args()
    if not (10 <= args.participants <= 20_000):
        parser.error("--participants must be between 10 and 20000")
    if not (1 <= args.concurrency <= 64):
        parser.error("--concurrency must be between 1 and 64")
    if not (0 < args.seconds <= 300 and 0 <= args.warmup <= 60) or args.max_requests < 1:
        parser.error("--seconds must be in (0, 300], --warmup in [0, 60], --max-requests > 0")

    ok = False
    print(f"load average before: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    print(f"Creating {DB_NAME}, migrating, building {args.participants} participants…")
    with fresh_database(DB_NAME, SETTINGS) as workdir:
        from django.db import connections
        from django.urls import reverse

        started = time.monotonic()
        world = build_world(args.participants)
        print(f"built in {time.monotonic() - started:.1f} s")
        login_url = reverse("login")
        certificate_id = world["certificate"].certificate_id
        connections.close_all()
        with Gunicorn(workdir / "gunicorn.log", workers=WORKERS, threads=THREADS) as server:
            server.start(FLOOR_PATH)
            organiser = Browser(server.port)
            organiser.login(login_url, world["admin"])
            writer = Browser(server.port)
            writer.login(login_url, world["writer"].email)
            project = world["project"]
            pages = [
                ("floor (before)", "floor", FLOOR_PATH, {}, "ok"),
                (
                    f"dashboard ({args.participants})",
                    "dashboard",
                    reverse("dashboard:project", args=[project.code]),
                    organiser.cookies,
                    project.title,
                ),
                (
                    "self-assessment",
                    "self-assessment",
                    reverse("participants:outcomes", args=[world["writer"].code]),
                    writer.cookies,
                    world["writer_text"],
                ),
                (
                    "verification",
                    "verification",
                    reverse("certificates:verify", args=[certificate_id]),
                    {},
                    certificate_id,
                ),
                ("floor (after)", "floor", FLOOR_PATH, {}, "ok"),
            ]
            if check_pages(server.port, pages):
                print(f"gunicorn on port {server.port}; {len(pages)} runs of {args.seconds:g} s…")
                results = []
                for name, key, path, cookies, _expected in pages:
                    results.append((name, key, measure(server.port, path, cookies, args)))
                ok = report(args, results)
            if not ok:
                print(f"--- gunicorn log (tail) ---\n{server.log_tail()}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
