"""Many participants saving at once against gunicorn and PostgreSQL, each from several
devices on the same text at the same moment: nothing lost, nothing overwritten unseen, no 5xx.

    .venv/bin/python benchmarks/soak.py [--participants 100] [--seconds 60]
                                        [--concurrency 20] [--clients-per-participant 2]
                                        [--max-requests 200000]

Creates a fresh PostgreSQL database `youthpass_soak` on 127.0.0.1 (dropped first if it
exists), migrates it and builds one organisation, one project and N active participants
with accounts through the ORM. Then starts gunicorn (4 gthread workers) on a free port of
127.0.0.1 with production settings (DEBUG=0) and logs every participant in K times
(--clients-per-participant: K devices, each with its own session).

C client threads (--concurrency, a multiple of K) work in teams of K for S seconds. In each
round a team takes one participant and one of two competences, so that every text is saved
again and again: the participant's K devices load the self-assessment page at the same
moment, then all save a different text for that competence at the same moment, each with
the version fields and fingerprints its own page gave, through the page's form or through
the autosave endpoint (each device alternates at its own pace, so that every pairing of
the two meets).

A save from an older copy must never replace a text unseen: of saves made from the same
version one at most succeeds, and the others are answered with a conflict (the form's page
again, the person's text in the box and the newer one beside it; HTTP 409 from autosave).
Afterwards every text is checked against the version count its row keeps (a new row is
version 1, each write adds 1): the successful saves must be built on different versions,
together exactly 0 to v-1 for a row at version v, so that each was followed by one built on
it, and the stored text must be the one saved on version v-1. Every conflict must have been
sent with a version older than v, and must show a text saved on that version or later.

Prints requests, latencies, saves succeeded, conflicts, 5xx and mismatches. Exits non-zero
on any 5xx, answer that is neither success nor conflict, transport error or mismatch.
gunicorn is stopped and the database dropped in every case.

Everything stays on 127.0.0.1; the run stops by itself at S seconds or at --max-requests.
Static files are collected into STATIC_ROOT (staticfiles/, ignored by git), as a
deployment would.
"""

import argparse
import json
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass

from harness import (
    PASSWORD,
    REQUEST_TIMEOUT,
    Browser,
    Gunicorn,
    PageParser,
    Response,
    fresh_database,
    organisation_with_project,
    parse,
    percentile,
)

DB_NAME = "youthpass_soak"
WORKERS = 4
THREADS = 4
# Saves go to so few texts that each is saved over and over, from version to version.
TEXTS_PER_PARTICIPANT = 2
# A device waits this long for the others of its team before giving the round up.
ROUND_TIMEOUT = 3 * REQUEST_TIMEOUT


def build_world(count: int) -> list[dict]:
    """One organisation, one project, `count` active participants; their logins and URLs."""
    from django.contrib.auth.hashers import make_password
    from django.urls import reverse

    from accounts.models import User
    from participants.models import Participant, ParticipantState

    password = make_password(PASSWORD)  # one Argon2 hash for all: the same password
    _admin, project = organisation_with_project("admin@soak.example.org", password)
    people = []
    for number in range(count):
        email = f"participant{number:04d}@soak.example.org"
        user = User.objects.create(
            email=email, password=password, first_name="Līga", last_name=f"Kalniņa {number}"
        )
        participant = Participant.objects.create(
            project=project,
            user=user,
            first_name="Līga",
            last_name=f"Kalniņa {number}",
            email=email,
            state=ParticipantState.ACTIVE,
        )
        people.append(
            {
                "pk": participant.pk,
                "email": email,
                "outcomes": reverse("participants:outcomes", args=[participant.code]),
                "autosave": reverse("participants:outcomes_autosave", args=[participant.code]),
                "competences": [c.key for c in participant.framework.competences],
            }
        )
    return people


# The clients


class OutcomesPage(PageParser):
    """The self-assessment page's fields, and the newer texts it shows beside the person's."""

    def __init__(self):
        super().__init__()
        self.shown: set[str] = set()
        self.conflicts: dict[str, str] = {}
        self._conflict: str | None = None

    def handle_starttag(self, tag, attrs):
        super().handle_starttag(tag, attrs)
        attrs = dict(attrs)
        if tag == "div" and "data-conflict-for" in attrs and "hidden" not in attrs:
            self.shown.add(attrs["data-conflict-for"])
        elif tag == "textarea" and (attrs.get("id") or "").startswith("conflict-"):
            self._conflict = attrs["id"].removeprefix("conflict-")
            self.conflicts[self._conflict] = ""

    def handle_endtag(self, tag):
        super().handle_endtag(tag)
        if tag == "textarea":
            self._conflict = None

    def handle_data(self, data):
        super().handle_data(data)
        if self._conflict:
            self.conflicts[self._conflict] += data


@dataclass
class Save:
    """One save of one text, and how the server answered it."""

    key: str
    # The version of the text that the device's page showed: what the save is built on.
    base: int
    text: str
    by_autosave: bool
    # "saved", "conflict", "refused", or "unsure" while no answer came (it may have landed).
    outcome: str = "unsure"
    # The version the answer reported (autosave answers carry it).
    version: int | None = None
    # With a conflict: the newer text shown, and whether the person's own text was kept.
    shown: str | None = None
    kept: bool = True


class Stats:
    def __init__(self, max_requests: int, deadline: float):
        self.lock = threading.Lock()
        self.max_requests = max_requests
        self.deadline = deadline
        self.requests = 0
        self.statuses: Counter = Counter()
        self.latencies: dict[str, list[float]] = {"GET": [], "POST": []}
        self.errors: list[str] = []
        self.elapsed = 0.0

    def take(self, count: int) -> bool:
        """Whether the run may make `count` more requests; if so they are counted now."""
        with self.lock:
            if self.requests + count > self.max_requests or time.monotonic() >= self.deadline:
                return False
            self.requests += count
            return True

    def record(self, method: str, response: Response):
        with self.lock:
            self.statuses[response.status] += 1
            self.latencies[method].append(response.seconds)


class Client:
    """One of a participant's devices: its own login session, and every save it made."""

    def __init__(self, port: int, person: dict, index: int, stats: Stats):
        self.browser = Browser(port)
        self.person = person
        self.index = index
        self.stats = stats
        self.saves: list[Save] = []

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        response = self.browser.request(method, path, data)
        self.stats.record(method, response)
        return response

    def read(self) -> OutcomesPage | None:
        response = self.request("GET", self.person["outcomes"])
        if response.status != 200:
            return None
        return parse(response.content, OutcomesPage)

    def save(self, page: OutcomesPage, key: str, number: int):
        """Save a new text for `key`, built on the version that `page` showed."""
        if key not in page.fields:
            raise RuntimeError(f"no field {key} on {self.person['outcomes']}")
        text = (
            f"Save {number} from device {self.index} of {self.person['email']} about {key}: "
            f"es iemācījos runāt — ā č ē ģ ī ķ ļ ņ š ū ž, Ελλάδα, Харків."
        )
        save = Save(
            key=key,
            base=int(page.fields[f"{key}__version"]),
            text=text,
            by_autosave=(number >> self.index) % 2 == 1,
        )
        self.saves.append(save)
        if save.by_autosave:
            data = {
                "csrfmiddlewaretoken": page.fields["csrfmiddlewaretoken"],
                key: text,
                f"{key}__version": page.fields[f"{key}__version"],
                f"{key}__loaded": page.fields[f"{key}__loaded"],
            }
            response = self.request("POST", self.person["autosave"], data)
        else:
            data = dict(page.fields)
            data[key] = text
            response = self.request("POST", self.person["outcomes"], data)
        if response.status >= 500:
            return  # stays "unsure": the error may have come after the write
        if save.by_autosave:
            self._autosave_answered(save, response)
        else:
            self._form_answered(save, response)

    def _autosave_answered(self, save: Save, response: Response):
        answer = json.loads(response.content) if response.status in (200, 409) else {}
        if "hidden" not in answer:
            save.outcome = "refused"
            return
        save.version = int(answer["hidden"][f"{save.key}__version"])
        if response.status == 200:
            save.outcome = "saved"
        else:
            save.outcome = "conflict"
            save.shown = answer["conflicts"].get(save.key)

    def _form_answered(self, save: Save, response: Response):
        if response.status == 302:
            location = response.headers.get("Location", "")
            save.outcome = "saved" if location.endswith(self.person["outcomes"]) else "refused"
            return
        page = parse(response.content, OutcomesPage) if response.status == 200 else None
        if page is None or save.key not in page.shown:
            save.outcome = "refused"
            return
        save.outcome = "conflict"
        save.version = int(page.fields[f"{save.key}__version"])
        save.shown = page.conflicts.get(save.key, "").strip()
        save.kept = page.fields.get(save.key, "").strip() == save.text


class Team:
    """K threads, each driving one device of each of some participants.

    Round by round the team takes one participant and one competence; all K devices load
    the page, wait for each other, then save at the same moment.
    """

    def __init__(self, devices: list[list[Client]], stats: Stats):
        self.devices = devices  # per participant, its K devices
        self.size = len(devices[0])
        self.stats = stats
        self.round = -1
        self.go = False
        self.started = threading.Barrier(self.size, action=self._next, timeout=ROUND_TIMEOUT)
        self.loaded = threading.Barrier(self.size, timeout=ROUND_TIMEOUT)

    def _next(self):
        # Run by one thread while all wait: the round goes ahead for all of them, or for none.
        self.round += 1
        self.go = self.stats.take(2 * self.size)

    def work(self, index: int, login_url: str):
        try:
            for clients in self.devices:
                clients[index].browser.login(login_url, clients[index].person["email"])
            # Bounded by the deadline and the request budget in Stats.take(), and by a hard
            # cap on rounds in case neither is reached.
            for _ in range(self.stats.max_requests):
                self.started.wait()
                if not self.go:
                    break
                number = self.round
                client = self.devices[number % len(self.devices)][index]
                competences = client.person["competences"][:TEXTS_PER_PARTICIPANT]
                key = competences[(number // len(self.devices)) % len(competences)]
                page = client.read()
                self.loaded.wait()
                if page is not None:
                    client.save(page, key, number)
        except threading.BrokenBarrierError:
            pass  # another device of the team stopped; it recorded why
        except Exception as error:  # noqa: BLE001
            self.started.abort()
            self.loaded.abort()
            with self.stats.lock:
                self.stats.errors.append(f"{type(error).__name__}: {error}")


def run_clients(port: int, people: list[dict], login_url: str, args) -> tuple[Stats, list]:
    deadline = time.monotonic() + args.seconds
    stats = Stats(args.max_requests, deadline)
    per_person = args.clients_per_participant
    devices = [[Client(port, person, i, stats) for i in range(per_person)] for person in people]
    team_count = args.concurrency // per_person
    teams = [Team(devices[i::team_count], stats) for i in range(team_count)]
    threads = [
        threading.Thread(target=team.work, args=(index, login_url), daemon=True)
        for team in teams
        for index in range(per_person)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()) + 2 * ROUND_TIMEOUT + 60)
    stats.elapsed = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        stats.errors.append("some client threads did not finish in time")
    return stats, [client for clients in devices for client in clients]


# Checking and reporting


def check_text(version: int, stored: str | None, saves: list[Save]) -> list[str]:
    """What is wrong with one text's saves, given the row's version and text now."""
    problems = []
    saved = [save for save in saves if save.outcome == "saved"]
    unsure = [save for save in saves if save.outcome == "unsure"]
    on_version = defaultdict(list)
    for save in saved:
        on_version[save.base].append(save)
        if save.version is not None and save.version != save.base + 1:
            problems.append(f"saved on version {save.base}, answered version {save.version}")
    for base, both in on_version.items():
        if len(both) > 1:
            problems.append(f"{len(both)} saves on version {base} answered with success")
    maybe = {save.base for save in unsure}
    missing = [v for v in range(version) if v not in on_version and v not in maybe]
    if missing:
        problems.append(f"versions {missing} of {version} written by no successful save")
    beyond = sorted(base for base in on_version if base >= version)
    if beyond:
        problems.append(f"saves on versions {beyond} succeeded, but the row is at {version}")
    if version:
        last = {save.text for save in on_version.get(version - 1, [])}
        last |= {save.text for save in unsure if save.base == version - 1}
        if stored not in last:
            problems.append(f"stored {stored!r} is not the text saved on version {version - 1}")
    for conflict in (save for save in saves if save.outcome == "conflict"):
        since = {save.text for save in saved + unsure if save.base >= conflict.base}
        if conflict.base >= version:
            problems.append(f"conflict on version {conflict.base}, the row is at {version}")
        elif conflict.version is not None and conflict.version <= conflict.base:
            problems.append(f"conflict on version {conflict.base} answered {conflict.version}")
        elif conflict.shown not in since:
            problems.append(f"conflict on {conflict.base} showed {conflict.shown!r}, not newer")
        if not conflict.kept:
            problems.append(f"conflict on {conflict.base}: the person's own text was not kept")
        if conflict.text == stored:
            problems.append(f"conflict on {conflict.base}, but its text is stored")
    return problems


def check(clients: list[Client]) -> tuple[int, int, list[str]]:
    """How many texts were checked, the highest version reached, and what is wrong."""
    from django.db import connections

    from participants.models import LearningOutcome

    connections.close_all()
    saves = defaultdict(list)
    for client in clients:
        for save in client.saves:
            saves[client.person["pk"], save.key].append(save)
    rows = {
        (pk, key): (version, text)
        for pk, key, version, text in LearningOutcome.objects.values_list(
            "participant_id", "competence", "version", "text"
        )
    }
    emails = {client.person["pk"]: client.person["email"] for client in clients}
    mismatches = []
    for pk, key in sorted(saves.keys() | rows.keys()):
        version, stored = rows.get((pk, key), (0, None))
        for problem in check_text(version, stored, saves.get((pk, key), [])):
            mismatches.append(f"{emails.get(pk, pk)} {key}: {problem}")
    highest = max((version for version, _text in rows.values()), default=0)
    return len(saves.keys() | rows.keys()), highest, mismatches


def report(args, stats: Stats, clients: list[Client], checked: tuple[int, int, list[str]]):
    texts, highest, mismatches = checked
    total = sum(stats.statuses.values())
    server_errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    outcomes = Counter(
        (save.outcome, save.by_autosave) for client in clients for save in client.saves
    )

    def both(outcome):
        form, autosave = outcomes[outcome, False], outcomes[outcome, True]
        return f"{form + autosave:<8}(form {form}, autosave {autosave})"

    print(
        f"Soak: {args.participants} participants × {args.clients_per_participant} devices, "
        f"{args.concurrency} client threads, {args.seconds} s, "
        f"gunicorn {WORKERS} workers × {THREADS} threads, PostgreSQL"
    )
    print(f"requests          {total} in {stats.elapsed:.1f} s = {total / stats.elapsed:.1f}/s")
    for method in ("GET", "POST"):
        values = stats.latencies[method]
        print(
            f"{method:<5} latency    n={len(values)}  "
            f"p50 {percentile(values, 0.5) * 1000:.0f} ms  "
            f"p95 {percentile(values, 0.95) * 1000:.0f} ms"
        )
    codes = ", ".join(f"{status}: {n}" for status, n in sorted(stats.statuses.items()))
    print(f"status codes      {codes}")
    print(f"saves succeeded   {both('saved')}")
    print(f"conflicts         {both('conflict')}")
    print(f"5xx               {server_errors}")
    print(f"other answers     {both('refused')}")
    print(f"unanswered        {both('unsure')}")
    print(f"client errors     {len(stats.errors)}")
    for error in stats.errors[:10]:
        print(f"  {error}")
    print(f"texts checked     {texts}, saved up to version {highest}")
    print(f"mismatches        {len(mismatches)}")
    for mismatch in mismatches[:10]:
        print(f"  {mismatch}")
    return (
        server_errors == 0
        and not mismatches
        and not stats.errors
        and outcomes["refused", False] + outcomes["refused", True] == 0
        and outcomes["saved", False] + outcomes["saved", True] > 0
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--clients-per-participant", type=int, default=2)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    per_person = args.clients_per_participant
    if not (1 <= per_person <= 8) or args.concurrency % per_person:
        parser.error("--concurrency must be a multiple of --clients-per-participant (1 to 8)")
    if not (1 <= args.concurrency // per_person <= args.participants):
        parser.error("--concurrency / --clients-per-participant must be 1 to --participants")
    if not (0 < args.seconds <= 3600) or args.max_requests < 1:
        parser.error("--seconds must be in (0, 3600] and --max-requests positive")

    ok = False
    print(f"Creating {DB_NAME}, migrating, building {args.participants} participants…")
    with fresh_database(DB_NAME) as workdir:
        from django.db import connections
        from django.urls import reverse

        people = build_world(args.participants)
        login_url = reverse("login")
        connections.close_all()
        with Gunicorn(workdir / "gunicorn.log", workers=WORKERS, threads=THREADS) as server:
            server.start(login_url)
            print(f"gunicorn on port {server.port}; running for {args.seconds} s…")
            stats, clients = run_clients(server.port, people, login_url, args)
            server.stop()
            ok = report(args, stats, clients, check(clients))
            if not ok:
                print(f"--- gunicorn log (tail) ---\n{server.log_tail()}")
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
