"""`manage.py import_participants <PROJECT_CODE> <FILE> [--dry-run] [--invite]`."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from dashboard.models import ParticipantImport
from jobs.models import Job
from participants.models import ParticipantState
from tests.dashboard.spreadsheets import HEADER, csv_bytes, many_rows, xlsx_bytes

ROWS = [
    ["Oksana", "Kovalenko", "oksana@example.org", "17.05.2004", "UA", ""],
    ["Mateusz", "Nowak", "no-at-sign", "", "", ""],
    ["Līga", "Kalniņa", "PARTICIPANT@example.org", "", "", ""],
]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("import_participants", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def list_file(tmp_path):
    path = tmp_path / "participants.csv"
    path.write_bytes(csv_bytes(ROWS, [*HEADER, "shoe size"]))
    return path


def test_prints_each_problem_and_imports_the_valid_rows(world, list_file, mailoutbox):
    out, err = run(world.project.code, list_file)

    assert "Row 3, email: “no-at-sign” is not a valid e-mail address." in out
    assert "Row 4, email: A participant with this e-mail address is in the project already." in out
    assert "1 participant was added to Voices of the Baltic." in out
    assert "2 rows with problems were left out." in out
    assert "These columns are not read and were left out: shoe size." in err
    oksana = world.project.participants.get(email="oksana@example.org")
    assert oksana.date_of_birth == datetime.date(2004, 5, 17)
    assert oksana.state == ParticipantState.ADDED
    assert world.project.participants.count() == 3
    assert ParticipantImport.objects.get().imported_count == 1
    assert mailoutbox == []


def test_dry_run_changes_nothing(world, list_file):
    out, _err = run(world.project.code, list_file, "--dry-run")

    assert "Row 3, email:" in out
    assert "Rows: 3; could be added: 1; with problems: 2. Nobody was added." in out
    assert world.project.participants.count() == 2
    assert not ParticipantImport.objects.exists()


def test_invite_sends_the_invitations(world, list_file, mailoutbox):
    out, _err = run(world.project.code, list_file, "--invite", "--language", "lv")

    job = Job.objects.get()
    assert job.kind == Job.Kind.INVITE
    assert f"https://youthpass.test{job.get_absolute_url()}" in out
    assert [message.to for message in mailoutbox] == [["oksana@example.org"]]
    oksana = world.project.participants.get(email="oksana@example.org")
    assert (oksana.state, oksana.language) == (ParticipantState.INVITED, "lv")


def test_xlsx_with_500_rows(world, tmp_path):
    path = tmp_path / "participants.xlsx"
    path.write_bytes(xlsx_bytes(many_rows(500, bad={2, 300})))

    out, _err = run(world.project.code, path)

    assert "Row 2, email: “person0.example.org” is not a valid e-mail address." in out
    assert "Row 300, email:" in out
    assert "498 participants were added" in out
    assert world.project.participants.count() == 500


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty."),
        (b"%PDF-1.7\n", "not a CSV or XLSX spreadsheet"),
        (b"name,mail\nA,a@example.org\n", "these are missing: first_name, last_name, email"),
    ],
)
def test_a_file_error_stops_with_a_non_zero_status(world, tmp_path, content, message):
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(world.project.code, path)
    assert world.project.participants.count() == 2
    assert not ParticipantImport.objects.exists()


def test_unknown_project_or_file(world, list_file, tmp_path):
    with pytest.raises(CommandError, match="no project with the code nosuchproject"):
        run("nosuchproject", list_file)
    with pytest.raises(CommandError, match="There is no file"):
        run(world.project.code, tmp_path / "missing.csv")
