"""An upgrade keeps every row and every certificate byte: checked against an older revision.

    .venv/bin/python benchmarks/upgrade.py [--base REV]

Checks out REV (default: where this branch left `main`, `git merge-base HEAD main`) into a
temporary directory (`git worktree add --detach`), and with the Python that runs it creates a
fresh PostgreSQL database `youthpass_upgrade` on 127.0.0.1 (user postgres, dropped first if it
exists) and a media directory that both trees share. Then:

- with the OLD code: `manage.py migrate` and `manage.py seed_demo`; every certificate's PDF
  downloaded through the download view (Django's test Client, logged in as the holder or,
  where the holder has no account, a member of the issuing organisation) and its SHA-256
  noted; then every table dumped, ordered by primary key, a hash per row;
- with the code of this working tree: `manage.py migrate` on the same database; every old
  table must still be there (or under another name with the same rows: reported as renamed),
  every old row with the same values in the old columns (a column under another name with
  the same values is reported as renamed; new columns and new rows are allowed and
  reported); then every certificate downloaded again through the new code, from
  the same URL, must have the same status and the same SHA-256.

Prints what was checked and every mismatch, and exits non-zero on any. The database, the
temporary worktree and the media directory are removed in every case. Takes about a minute
(seed_demo renders its certificates); not part of `make test`.
"""

import argparse
import hashlib
import itertools
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from harness import BASE_DIR, DB_SERVER, exit_on_signals, server_sql

DB_NAME = "youthpass_upgrade"
DATABASE_URL = f"{DB_SERVER}/{DB_NAME}"
SHOWN_PER_TABLE = 3
# Rows an upgrade changes on purpose, and the query that says each changed row is as
# meant: models that moved to another app keep their content type (and so the
# permissions and admin history pointing at it) under the new app's label.
MEANT_CHANGES = {
    "django_content_type": (
        "SELECT id::text FROM django_content_type WHERE app_label = 'dashboard' "
        "AND model IN ('participantimport', 'scheduledreminder')",
        "content types of the models that moved to the dashboard app, relabelled",
    ),
}

# Run by `manage.py shell` in the old tree: which URL serves each certificate and who may
# fetch it. Writes a JSON list to $UPGRADE_OUT.
LIST_CERTIFICATES = """
import json, os
from django.apps import apps
from django.urls import reverse

downloads = []
for certificate in apps.get_model("certificates", "Certificate").objects.order_by("pk"):
    participant = certificate.participant
    user = participant.user
    if user is None:
        user = participant.project.organisation.memberships.order_by("pk").first().user
    downloads.append({
        "certificate_id": certificate.certificate_id,
        "path": reverse("certificates:download", args=[certificate.certificate_id]),
        "email": user.email,
    })
with open(os.environ["UPGRADE_OUT"], "w") as out:
    json.dump(downloads, out)
"""

# Run by `manage.py shell` in either tree: fetches each download of $UPGRADE_IN as its user
# and writes status, size and SHA-256 per certificate to $UPGRADE_OUT.
FETCH_CERTIFICATES = """
import hashlib, json, os
from django.contrib.auth import get_user_model
from django.test import Client

with open(os.environ["UPGRADE_IN"]) as wanted:
    downloads = json.load(wanted)
fetched = {}
for download in downloads:
    client = Client()
    client.force_login(get_user_model().objects.get(email=download["email"]))
    response = client.get(download["path"])
    body = b"".join(response.streaming_content) if response.streaming else response.content
    response.close()
    fetched[download["certificate_id"]] = {
        "status": response.status_code,
        "bytes": len(body),
        "sha256": hashlib.sha256(body).hexdigest(),
    }
with open(os.environ["UPGRADE_OUT"], "w") as out:
    json.dump(fetched, out)
"""


@dataclass
class Table:
    name: str
    columns: list[str]
    key: list[str]
    rows: dict[tuple, str] = field(default_factory=dict)  # primary key -> hash of the row


@dataclass
class Report:
    mismatches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def mismatch(self, text: str):
        self.mismatches.append(text)


# Running the two trees


def environment(media_root: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("STORAGE_", "EMAIL_", "DJANGO_"))
    }
    env.update(
        {
            "DEBUG": "1",
            "DATABASE_URL": DATABASE_URL,
            "MEDIA_ROOT": str(media_root),
            "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
            "LOG_LEVEL": "WARNING",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def manage(tree: Path, env: dict, log: Path, *args: str, **extra_env: str):
    """`manage.py ARGS` in `tree` with this project's Python; its output goes to `log`."""
    started = time.monotonic()
    with log.open("a") as out:
        out.write(f"\n$ manage.py {args[0]}\n")
        out.flush()
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=tree,
            env={**env, **extra_env},
            stdout=out,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode:
        tail = log.read_text(errors="replace")[-3000:]
        raise SystemExit(
            f"manage.py {args[0]} failed in {tree} (exit {result.returncode}):\n{tail}"
        )
    print(f"  manage.py {args[0]}: {time.monotonic() - started:.0f} s", flush=True)


def shell(tree: Path, env: dict, log: Path, code: str, **files: Path):
    manage(
        tree, env, log, "shell", "--no-imports", "-c", code, **{k: str(v) for k, v in files.items()}
    )


def git(*args: str) -> str:
    result = subprocess.run(  # noqa: S603
        ["git", *args],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,  # noqa: S607
    )
    if result.returncode:
        raise SystemExit(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout.strip()


# The tables


def dump_tables() -> dict[str, Table]:
    """Every table of the database: its columns, primary key and a hash per row."""
    import psycopg

    tables = {}
    with psycopg.connect(DATABASE_URL) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        for name in names:
            columns = [
                column
                for (column,) in connection.execute(
                    "SELECT column_name FROM information_schema.columns "
                    "WHERE table_schema = 'public' AND table_name = %s ORDER BY ordinal_position",
                    [name],
                )
            ]
            key = [
                column
                for (column,) in connection.execute(
                    "SELECT a.attname FROM pg_index i JOIN pg_attribute a "
                    "ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                    "WHERE i.indrelid = %s::regclass AND i.indisprimary "
                    "ORDER BY array_position(i.indkey::int2[], a.attnum)",
                    [f'public."{name}"'],
                )
            ]
            tables[name] = Table(name, columns, key or columns)
    return tables


def hash_rows(table: Table, columns: list[str]) -> dict[tuple, str]:
    """A SHA-256 of each row's values in `columns`, by the row's primary key."""
    import psycopg
    from psycopg import sql

    def identifiers(names):
        return sql.SQL(", ").join(sql.Identifier(name) for name in names)

    query = sql.SQL("SELECT {key}, ROW({columns})::text FROM {table} ORDER BY {key}").format(
        key=sql.SQL(", ").join(sql.SQL("{}::text").format(sql.Identifier(k)) for k in table.key),
        columns=identifiers(columns),
        table=sql.Identifier(table.name),
    )
    rows = {}
    with psycopg.connect(DATABASE_URL) as connection:
        for *key, values in connection.execute(query):
            rows[tuple(key)] = hashlib.sha256(values.encode()).hexdigest()
    return rows


def compare_tables(old: dict[str, Table], report: Report) -> int:
    """Every old row still there with the same values; returns how many rows were checked."""
    new = dump_tables()
    added_tables = sorted(set(new) - set(old))
    checked = 0
    for name, table in sorted(old.items()):
        target = new.get(name) or renamed_to(table, [new[n] for n in added_tables])
        if target is None:
            report.mismatch(f"table {name} ({len(table.rows)} rows) is gone")
            continue
        if target.name != name:
            report.notes.append(f"table {name} is now {target.name}")
            added_tables.remove(target.name)
        gone = [column for column in table.columns if column not in target.columns]
        extra = [column for column in target.columns if column not in table.columns]
        columns = renamed_columns(table, target, gone, extra) if gone else table.columns
        if columns is None:
            report.mismatch(f"table {name}: columns gone: {', '.join(gone)}")
            continue
        for before, after in zip(table.columns, columns, strict=True):
            if before != after:
                report.notes.append(f"table {target.name}: column {before} is now {after}")
                extra.remove(after)
        if extra:
            report.notes.append(f"table {target.name}: new columns {', '.join(extra)}")
        rows = hash_rows(Table(target.name, target.columns, target.key), columns)
        checked += len(table.rows)
        missing = [key for key in table.rows if key not in rows]
        changed = [key for key, value in table.rows.items() if rows.get(key, value) != value]
        if changed and name in MEANT_CHANGES:
            query, reason = MEANT_CHANGES[name]
            meant = {(key,) for (key,) in query_rows(query)}
            if set(changed) <= meant:
                report.notes.append(f"table {name}: {len(changed)} rows changed: {reason}")
                changed = []
        added = len(rows) - len(table.rows) + len(missing)
        for kind, keys in (("missing", missing), ("changed", changed)):
            if keys:
                shown = ", ".join("/".join(key) for key in keys[:SHOWN_PER_TABLE])
                report.mismatch(f"table {name}: {len(keys)} rows {kind} (key {shown}…)")
        if added:
            report.notes.append(f"table {target.name}: {added} rows added by the upgrade")
    for name in added_tables:
        report.notes.append(f"new table {name}")
    return checked


def query_rows(query: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(DATABASE_URL) as connection:
        return list(connection.execute(query))


def renamed_columns(table: Table, target: Table, gone: list[str], extra: list[str]):
    """The old columns as the new table names them, where each gone column is a new one
    holding exactly its values in every row; None if there is no such renaming."""
    for names in itertools.permutations(extra, len(gone)):
        mapping = dict(zip(gone, names, strict=True))
        columns = [mapping.get(column, column) for column in table.columns]
        if hash_rows(target, columns) == table.rows:
            return columns
    return None


def renamed_to(table: Table, candidates: list[Table]) -> Table | None:
    """A new table holding exactly the old table's rows in the old columns."""
    for candidate in candidates:
        fits = set(table.columns) <= set(candidate.columns) and candidate.key == table.key
        # An empty table matches any other empty one: only the same columns make it a rename.
        fits = fits and (bool(table.rows) or set(table.columns) == set(candidate.columns))
        if fits and hash_rows(candidate, table.columns) == table.rows:
            return candidate
    return None


# The run


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", help="the revision to upgrade from (default: merge-base)")
    args = parser.parse_args()
    base = args.base or git("merge-base", "HEAD", "main")
    base_commit = git("rev-parse", "--verify", f"{base}^{{commit}}")
    exit_on_signals()
    report = Report()
    with tempfile.TemporaryDirectory(prefix="youthpass-upgrade-") as workdir:
        work = Path(workdir)
        old_tree, media, log = work / "old", work / "media", work / "manage.log"
        env = environment(media)
        drop = f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)'
        git("worktree", "add", "--detach", str(old_tree), base_commit)
        try:
            server_sql(drop)
            server_sql(f'CREATE DATABASE "{DB_NAME}"')
            run(base, base_commit, old_tree, env, work, log, report)
        finally:
            server_sql(drop)
            git("worktree", "remove", "--force", str(old_tree))
    if report.mismatches:
        print(f"FAILED: {len(report.mismatches)} mismatches.")
        sys.exit(1)
    print("OK: every row and every certificate byte came through the upgrade.")


def run(base, base_commit, old_tree, env, work, log, report):
    print(f"Old code: {base} ({base_commit[:10]}), checked out in {old_tree}", flush=True)
    manage(old_tree, env, log, "migrate", "--no-input")
    manage(old_tree, env, log, "seed_demo")
    downloads, old_pdfs, new_pdfs = work / "downloads.json", work / "old.json", work / "new.json"
    shell(old_tree, env, log, LIST_CERTIFICATES, UPGRADE_OUT=downloads)
    shell(old_tree, env, log, FETCH_CERTIFICATES, UPGRADE_IN=downloads, UPGRADE_OUT=old_pdfs)
    # Dumped after the old downloads: logging in for them changes last_login and sessions.
    tables = dump_tables()
    for table in tables.values():
        table.rows = hash_rows(table, table.columns)
    rows = sum(len(table.rows) for table in tables.values())
    print(f"  {len(tables)} tables, {rows} rows recorded", flush=True)

    head = git("rev-parse", "--short=10", "HEAD")
    dirty = (
        " with uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    )
    print(f"New code: this working tree, {head}{dirty}", flush=True)
    manage(BASE_DIR, env, log, "migrate", "--no-input")
    checked = compare_tables(tables, report)
    shell(BASE_DIR, env, log, FETCH_CERTIFICATES, UPGRADE_IN=downloads, UPGRADE_OUT=new_pdfs)
    old = json.loads(old_pdfs.read_text())
    new = json.loads(new_pdfs.read_text())
    for certificate_id, before in old.items():
        after = new.get(certificate_id)
        if after != before:
            report.mismatch(f"certificate {certificate_id}: {before} before, {after} after")
    served = [pdf for pdf in old.values() if pdf["status"] == 200]
    size = sum(pdf["bytes"] for pdf in served)

    print("\nReport")
    print(f"  tables checked:  {len(tables)}")
    print(f"  rows checked:    {checked}")
    print(f"  certificates:    {len(old)} ({len(served)} PDFs served, {size} bytes in all)")
    print(f"  mismatches:      {len(report.mismatches)}")
    for note in report.notes:
        print(f"  note: {note}")
    for mismatch in report.mismatches:
        print(f"  MISMATCH {mismatch}")


if __name__ == "__main__":
    main()
