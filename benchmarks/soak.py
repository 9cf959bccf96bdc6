"""Many participants saving at once against gunicorn and PostgreSQL: nothing lost, no 5xx.

    .venv/bin/python benchmarks/soak.py [--participants 100] [--seconds 60]
                                        [--concurrency 20] [--max-requests 200000]

Creates a fresh PostgreSQL database `youthpass_soak` on 127.0.0.1 (dropped first if it
exists), migrates it and builds one organisation, one project and N active participants
with accounts through the ORM. Then starts gunicorn (4 gthread workers) on a free port of
127.0.0.1 with production settings (DEBUG=0), logs every participant in through the login
page, and lets C client threads work through them for S seconds: load the self-assessment
page, change one competence's text and save it, alternately through the page's form and
through the autosave endpoint, each with the version fields and fingerprints the page gave.

Afterwards every participant's stored texts are compared with the last text whose save was
answered with success, and the figures are printed. Exits non-zero on any 5xx, transport
error or lost save. gunicorn is stopped and the database dropped in every case.

Everything stays on 127.0.0.1; the run stops by itself at S seconds or at --max-requests.
Static files are collected into STATIC_ROOT (staticfiles/, ignored by git), as a
deployment would.
"""

import argparse
import datetime
import html.parser
import http.client
import http.cookies
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DB_NAME = "youthpass_soak"
DB_SERVER = f"postgresql://postgres@{HOST}:5432"
PASSWORD = "soak-correct-horse-battery"  # noqa: S105
WORKERS = 4
THREADS = 4
REQUEST_TIMEOUT = 30
STARTUP_TIMEOUT = 60


def setup_django(static_root_hint: str):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "youthpass_site.settings",
            "DEBUG": "0",
            "SECRET_KEY": "soak-benchmark-secret-key-not-for-production-0123456789",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"{DB_SERVER}/{DB_NAME}",
            "MEDIA_ROOT": static_root_hint,
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


# The database


def server_sql(statement: str):
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def create_database():
    server_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    server_sql(f'CREATE DATABASE "{DB_NAME}"')


def drop_database():
    from django.db import connections

    connections.close_all()
    server_sql(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')


def build_world(count: int) -> list[dict]:
    """One organisation, one project, `count` active participants; their logins and URLs."""
    from django.contrib.auth.hashers import make_password
    from django.urls import reverse

    from accounts.models import User
    from participants.models import Participant, Status
    from projects.formats import Format
    from projects.models import Membership, Organisation, Project, Role

    organisation = Organisation.objects.create(name="Jauniešu centrs Ģēnijs", country="LV")
    password = make_password(PASSWORD)  # one Argon2 hash for all: the same password
    admin = User.objects.create(email="admin@soak.example.org", password=password)
    Membership.objects.create(organisation=organisation, user=admin, role=Role.ADMIN)
    project = Project.objects.create(
        organisation=organisation,
        format=Format.YOUTH_EXCHANGE,
        title="Voices of the Baltic",
        grant_number="2024-1-LV01-KA152-YOU-000123456",
        start_date=datetime.date(2026, 7, 1),
        end_date=datetime.date(2026, 7, 10),
        venue_town="Cēsis",
        venue_country="LV",
        description="Young people from four countries made a radio show together.",
        created_by=admin,
    )
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
            status=Status.ACTIVE,
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


# gunicorn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, log_path: Path) -> subprocess.Popen:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "youthpass_site.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(WORKERS),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
    ]
    log = log_path.open("wb")
    return subprocess.Popen(  # noqa: S603
        command,
        cwd=BASE_DIR,
        env=os.environ.copy(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_for(port: int, process: subprocess.Popen, login_url: str):
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn stopped at start (exit {process.returncode}).")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", login_url)
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within {STARTUP_TIMEOUT} s.")


def stop_gunicorn(process: subprocess.Popen):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


# The clients


class PageParser(html.parser.HTMLParser):
    """The form fields of a page: inputs with their values and textareas with their text."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}
        self.textareas: list[str] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") == "hidden":
            self.fields[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ""
            self.textareas.append(name)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def parse(page: bytes) -> PageParser:
    parser = PageParser()
    parser.feed(page.decode())
    return parser


class Stats:
    def __init__(self, max_requests: int, deadline: float):
        self.lock = threading.Lock()
        self.max_requests = max_requests
        self.deadline = deadline
        self.requests = 0
        self.statuses: Counter = Counter()
        self.latencies: dict[str, list[float]] = {"GET": [], "POST": []}
        self.errors: list[str] = []
        self.conflicts = 0

    def take(self) -> bool:
        """Whether the run may make one more request."""
        with self.lock:
            if self.requests >= self.max_requests or time.monotonic() >= self.deadline:
                return False
            self.requests += 1
            return True

    def record(self, method: str, status: int, seconds: float):
        with self.lock:
            self.statuses[status] += 1
            self.latencies[method].append(seconds)


class Client:
    """One participant's browser: its cookies, and what the server confirmed as saved."""

    def __init__(self, port: int, person: dict, stats: Stats):
        self.port = port
        self.person = person
        self.stats = stats
        self.cookies: dict[str, str] = {}
        # Competence -> the last text a save of which was answered with success.
        self.saved: dict[str, str] = {}
        # Competence -> texts sent after that whose answer never came (may have landed).
        self.unsure: dict[str, list[str]] = {}
        self.saves = 0
        self.steps = 0

    def request(self, method: str, path: str, data: dict | None = None, *, counted=True):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if counted:
            self.stats.record(method, response.status, elapsed)
        return response.status, response.headers, content

    def login(self, login_url: str):
        status, _headers, page = self.request("GET", login_url, counted=False)
        token = parse(page).fields.get("csrfmiddlewaretoken", "")
        status, headers, _page = self.request(
            "POST",
            login_url,
            {
                "csrfmiddlewaretoken": token,
                "username": self.person["email"],
                "password": PASSWORD,
            },
            counted=False,
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed for {self.person['email']}: {status}")

    def step(self) -> bool:
        """Load the page, then save one changed text. False when the run is over."""
        number = self.steps
        self.steps += 1
        if not self.stats.take():
            return False
        status, _headers, page = self.request("GET", self.person["outcomes"])
        if status != 200:
            return True
        form = parse(page)
        keys = [key for key in self.person["competences"] if key in form.fields]
        if not keys:
            raise RuntimeError(f"no competence fields on {self.person['outcomes']}")
        key = keys[number % len(keys)]
        text = (
            f"Save {number} by {self.person['email']} about {key}: "
            f"es iemācījos runāt — ā č ē ģ ī ķ ļ ņ š ū ž, Ελλάδα, Харків."
        )
        if not self.stats.take():
            return False
        by_autosave = number % 2 == 1
        if by_autosave:
            data = {
                "csrfmiddlewaretoken": form.fields["csrfmiddlewaretoken"],
                key: text,
                f"{key}__version": form.fields[f"{key}__version"],
                f"{key}__loaded": form.fields[f"{key}__loaded"],
            }
            path = self.person["autosave"]
        else:
            data = dict(form.fields)
            data[key] = text
            path = self.person["outcomes"]
        self.unsure.setdefault(key, []).append(text)
        try:
            status, headers, content = self.request("POST", path, data)
        except OSError:
            raise  # the text stays in `unsure`: it may have been saved
        self.unsure[key].remove(text)
        if by_autosave:
            ok = status == 200 and "hidden" in json.loads(content)
        else:
            ok = status == 302 and headers.get("Location", "").endswith(self.person["outcomes"])
        if ok:
            self.saved[key] = text
            self.unsure[key] = []
            self.saves += 1
        elif status == 409 or status == 200:
            self.stats.conflicts += 1
        return True


def run_clients(port: int, people: list[dict], login_url: str, args) -> tuple[Stats, list]:
    deadline = time.monotonic() + args.seconds
    stats = Stats(args.max_requests, deadline)
    clients = [Client(port, person, stats) for person in people]
    groups = [clients[i :: args.concurrency] for i in range(args.concurrency)]

    def work(group: list[Client]):
        try:
            for client in group:
                client.login(login_url)
            # Bounded twice: by the deadline and the request budget in Stats.take(), and
            # by a hard cap on iterations in case neither is reached.
            for number in range(args.max_requests):
                if not group[number % len(group)].step():
                    break
        except Exception as error:  # noqa: BLE001
            with stats.lock:
                stats.errors.append(f"{type(error).__name__}: {error}")

    threads = [
        threading.Thread(target=work, args=(group,), daemon=True) for group in groups if group
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()) + 2 * REQUEST_TIMEOUT + 60)
    stats.elapsed = time.monotonic() - started
    if any(thread.is_alive() for thread in threads):
        stats.errors.append("some client threads did not finish in time")
    return stats, clients


# Checking and reporting


def check(clients: list[Client]) -> tuple[int, list[str]]:
    from django.db import connections

    from participants.models import LearningOutcome

    connections.close_all()
    checked, mismatches = 0, []
    for client in clients:
        stored = dict(
            LearningOutcome.objects.filter(participant_id=client.person["pk"]).values_list(
                "competence", "text"
            )
        )
        for key, text in client.saved.items():
            checked += 1
            value = stored.get(key)
            if value != text and value not in client.unsure.get(key, ()):
                mismatches.append(f"{client.person['email']} {key}: {value!r} != {text!r}")
    return checked, mismatches


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(args, stats: Stats, checked: int, mismatches: list[str]) -> bool:
    total = sum(stats.statuses.values())
    server_errors = sum(n for status, n in stats.statuses.items() if status >= 500)
    print(
        f"Soak: {args.participants} participants, {args.concurrency} clients, "
        f"{args.seconds} s, gunicorn {WORKERS} workers × {THREADS} threads, PostgreSQL"
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
    print(f"5xx               {server_errors}")
    print(f"conflicts         {stats.conflicts}")
    print(f"client errors     {len(stats.errors)}")
    for error in stats.errors[:10]:
        print(f"  {error}")
    print(f"saves checked     {checked}")
    print(f"mismatches        {len(mismatches)}")
    for mismatch in mismatches[:10]:
        print(f"  {mismatch}")
    return server_errors == 0 and not mismatches and not stats.errors and checked > 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--max-requests", type=int, default=200_000)
    args = parser.parse_args()
    if not (1 <= args.concurrency <= args.participants):
        parser.error("--concurrency must be between 1 and --participants")
    if not (0 < args.seconds <= 3600) or args.max_requests < 1:
        parser.error("--seconds must be in (0, 3600] and --max-requests positive")

    workdir = tempfile.TemporaryDirectory(prefix="youthpass-soak-")
    setup_django(str(Path(workdir.name) / "media"))
    from django.core.management import call_command
    from django.db import connections
    from django.urls import reverse

    process = None
    log_path = Path(workdir.name) / "gunicorn.log"
    ok = False
    try:
        print(f"Creating {DB_NAME}, migrating, building {args.participants} participants…")
        create_database()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        people = build_world(args.participants)
        login_url = reverse("login")
        connections.close_all()

        port = free_port()
        process = start_gunicorn(port, log_path)
        wait_for(port, process, login_url)
        print(f"gunicorn on http://{HOST}:{port}; running for {args.seconds} s…")
        stats, clients = run_clients(port, people, login_url, args)
        stop_gunicorn(process)
        checked, mismatches = check(clients)
        ok = report(args, stats, checked, mismatches)
        if not ok:
            tail = log_path.read_text(errors="replace")[-4000:]
            print(f"--- gunicorn log (tail) ---\n{tail}")
    finally:
        if process is not None:
            stop_gunicorn(process)
        try:
            drop_database()
        finally:
            workdir.cleanup()
    print("PASS" if ok else "FAIL")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
