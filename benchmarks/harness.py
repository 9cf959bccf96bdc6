"""What the runs against gunicorn and PostgreSQL share (soak.py, load.py).

A fresh PostgreSQL database on 127.0.0.1, dropped afterwards in every case; gunicorn with
production settings (DEBUG=0) on a free port of 127.0.0.1, stopped in every case; a small
HTTP client that keeps cookies like a browser; the form fields of a page; percentiles.
"""

import contextlib
import datetime
import html.parser
import http.client
import http.cookies
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
DB_SERVER = f"postgresql://postgres@{HOST}:5432"
PASSWORD = "bench-correct-horse-battery"  # noqa: S105
REQUEST_TIMEOUT = 30
STARTUP_TIMEOUT = 60


# Django and the database


def setup_django(db_name: str, media_root: str, settings_module: str):
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": settings_module,
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-secret-key-not-for-production-0123456789abcdef",
            "CREDENTIAL_KEY": "YmVuY2htYXJrLWNyZWRlbnRpYWwta2V5LTMyLWJ5dGU=",
            "ALLOWED_HOSTS": HOST,
            "SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"{DB_SERVER}/{db_name}",
            "MEDIA_ROOT": media_root,
            "PDF_SIGNING_DIR": str(Path(media_root, "pdf-signing")),
            "LOG_LEVEL": "WARNING",
        }
    )
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from certificates.sealing import create_platform_signing, is_configured, site_name

    # Production settings issue only sealed certificates: the platform's own signing
    # certificate, made once in the run's media directory, which the workers share.
    if not is_configured():
        create_platform_signing(Path(media_root, "pdf-signing"), site_name(), None)


def server_sql(statement: str):
    import psycopg

    with psycopg.connect(f"{DB_SERVER}/postgres", autocommit=True) as connection:
        connection.execute(statement)


def exit_on_signals():
    """SIGTERM and SIGHUP end the run like Ctrl-C does: through every `finally`."""

    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)


@contextlib.contextmanager
def fresh_database(name: str, settings_module: str = "youthpass_site.settings") -> Iterator[Path]:
    """Django against a new PostgreSQL database `name` (dropped first if it exists), migrated,
    with static files collected into STATIC_ROOT as a deployment would.

    Yields a temporary directory for media files and logs. The database is dropped and the
    directory removed afterwards, however the run ends.
    """
    exit_on_signals()
    with tempfile.TemporaryDirectory(prefix=f"youthpass-{name}-") as workdir:
        setup_django(name, str(Path(workdir) / "media"), settings_module)
        from django.core.management import call_command
        from django.db import connections

        drop = f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'
        try:
            server_sql(drop)
            server_sql(f'CREATE DATABASE "{name}"')
            call_command("migrate", interactive=False, verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            yield Path(workdir)
        finally:
            connections.close_all()
            server_sql(drop)


def organisation_with_project(admin_email: str, password: str, **project_fields):
    """One organisation, its admin (`password` is a hash) and one youth exchange of it."""
    from accounts.models import User
    from projects.formats import Format
    from projects.models import Membership, MembershipRole, Organisation, Project

    organisation = Organisation.objects.create(
        name="Jauniešu centrs Ģēnijs",
        street="Rīgas iela 1",
        town="Rēzekne",
        country="LV",
        signatory_name="Ilze Liepiņa",
        signatory_role="Valdes priekšsēdētāja",
    )
    admin = User.objects.create(email=admin_email, password=password)
    Membership.objects.create(organisation=organisation, user=admin, role=MembershipRole.ADMIN)
    values = {
        "format": Format.YOUTH_EXCHANGE,
        "title": "Voices of the Baltic",
        "grant_number": "2024-1-LV01-KA152-YOU-000123456",
        "start_date": datetime.date(2026, 7, 1),
        "end_date": datetime.date(2026, 7, 10),
        "venue_town": "Cēsis",
        "venue_country": "LV",
        "description": "Young people from four countries made a radio show together.",
        **project_fields,
    }
    return admin, Project.objects.create(organisation=organisation, created_by=admin, **values)


# gunicorn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn with gthread workers on a free port of 127.0.0.1, in a session of its own."""

    def __init__(self, log_path: Path, *, workers: int = 4, threads: int = 4):
        self.log_path = log_path
        self.workers = workers
        self.threads = threads
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    def start(self, ready_path: str):
        """Start it and wait until `ready_path` answers 200."""
        command = [
            str(Path(sys.executable).parent / "gunicorn"),
            "youthpass_site.wsgi:application",
            *("--bind", f"{HOST}:{self.port}"),
            *("--workers", str(self.workers)),
            *("--worker-class", "gthread"),
            *("--threads", str(self.threads)),
            *("--timeout", "60"),
            *("--graceful-timeout", "10"),
        ]
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(  # noqa: S603
                command,
                cwd=BASE_DIR,
                env=os.environ.copy(),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn stopped at start (exit {self.process.returncode}).")
            try:
                if Browser(self.port).request("GET", ready_path).state == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer within {STARTUP_TIMEOUT} s.")

    def stop(self):
        process = self.process
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()


# The client


@dataclass
class Response:
    status: int
    headers: Message
    content: bytes
    seconds: float


class Browser:
    """One browser: its cookies, and either a new connection per request or one kept alive."""

    def __init__(self, port: int, cookies: dict[str, str] | None = None, *, keep_alive=False):
        self.port = port
        self.cookies = dict(cookies or {})
        self.keep_alive = keep_alive
        self.connection: http.client.HTTPConnection | None = None
        self.reused = False

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        if not self.keep_alive:
            headers["Connection"] = "close"
        reused = self.reused
        started = time.perf_counter()
        try:
            response, content = self._exchange(method, path, body, headers)
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
            if not reused:
                raise
            # The server closed a kept-alive connection between two requests, as it may:
            # a browser opens a new one and asks again.
            self.close()
            started = time.perf_counter()
            response, content = self._exchange(method, path, body, headers)
        elapsed = time.perf_counter() - started
        for header in response.headers.get_all("Set-Cookie") or ():
            for name, morsel in http.cookies.SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return Response(response.status, response.headers, content, elapsed)

    def _exchange(self, method, path, body, headers):
        if self.connection is None:
            self.connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            self.reused = False
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
        except BaseException:
            self.close()
            raise
        if self.keep_alive and not response.will_close:
            self.reused = True
        else:
            self.close()
        return response, content

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        self.reused = False

    def login(self, login_url: str, email: str, password: str = PASSWORD):
        page = self.request("GET", login_url)
        token = parse(page.content).fields.get("csrfmiddlewaretoken", "")
        answer = self.request(
            "POST",
            login_url,
            {"csrfmiddlewaretoken": token, "username": email, "password": password},
        )
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed for {email}: {answer.status}")


class PageParser(html.parser.HTMLParser):
    """The form fields of a page: hidden inputs with their values, textareas with their text."""

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


def parse(page: bytes, parser_class: type[PageParser] = PageParser) -> PageParser:
    parser = parser_class()
    parser.feed(page.decode())
    return parser


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]
