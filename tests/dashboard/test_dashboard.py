"""The project dashboard: counts, progress, deadline, and the participant table's filters,
search, sorting and pages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from dashboard.models import ScheduledReminder
from jobs.models import Job
from participants.models import Participant, ParticipantRole, ParticipantState
from tests.conftest import login, make_project

STATES = list(ParticipantState)


def add_many(project, count, prefix="m"):
    """`count` participants in every state in turn, half in Latvian, every third a leader."""
    now = timezone.now()
    return Participant.objects.bulk_create(
        Participant(
            project=project,
            first_name=f"First{number:03d}",
            last_name=f"{prefix.upper()}-Last{number:03d}",
            email=f"{prefix}{number}@example.net",
            state=STATES[number % len(STATES)],
            language="lv" if number % 2 else "en",
            role=ParticipantRole.GROUP_LEADER if number % 3 == 0 else ParticipantRole.PARTICIPANT,
            submitted_at=now - datetime.timedelta(hours=number) if number % 4 == 0 else None,
            last_reminded_at=now - datetime.timedelta(days=number) if number % 5 == 0 else None,
        )
        for number in range(count)
    )


def dashboard(client, world, user=None, **query):
    login(client, user or world.admin)
    return client.get(world.project.get_absolute_url(), query)


def names_in_table(response) -> list[str]:
    table = response.text.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r'/participants/\w+/">([^<]+)</a>', table)


def test_counts_per_state_link_to_the_filtered_table(client, world):
    add_many(world.project, 14)
    response = dashboard(client, world)
    assert response.status_code == 200
    # The world's two participants are writing, and two of the added ones.
    assert "Writing: 4" in response.text
    assert "Certificate issued: 2" in response.text
    assert "All: 16" in response.text
    assert 'href="?state=issued#participants"' in response.text

    response = dashboard(client, world, state="issued")
    assert sorted(names_in_table(response)) == ["First006 M-Last006", "First013 M-Last013"]
    assert 'aria-current="true">Certificate issued: 2' in response.text


def test_progress_bar_is_an_svg_with_widths_in_percent(client, world):
    add_many(world.project, 14)
    response = dashboard(client, world)
    # 2 issued of 16 participants: 12.5 %, drawn first.
    assert '<rect class="segment-issued" x="0.000" y="0" width="12.500" height="1">' in (
        response.text
    )
    # After issued, approved and submitted (2 each): writing (4) and returned (2).
    assert 'class="segment-writing" x="37.500" y="0" width="37.500"' in response.text
    assert "style=" not in response.text


def test_progress_numbers_are_not_localised_in_latvian(client, world):
    add_many(world.project, 14)
    login(client, world.admin)
    response = client.get(world.project.get_absolute_url(), headers={"accept-language": "lv"})
    assert 'width="12.500"' in response.text


def test_filters_by_state_language_and_role_together(client, world):
    add_many(world.project, 42)
    response = dashboard(client, world, state="issued", language="lv", role="group_leader")
    # Issued: 6, 13, 20, 27, 34, 41; in Latvian (odd): 13, 27, 41; leaders (÷3): 27.
    assert names_in_table(response) == ["First027 M-Last027"]
    assert "1 participant found." in response.text


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("first007", ["First007 M-Last007"]),
        ("m7@example", ["First007 M-Last007"]),
        ("LAST001 first001", ["First001 M-Last001"]),
        ("Kalniņa", ["Līga Kalniņa"]),
        ("nobody-like-this", []),
    ],
)
def test_search_by_name_or_e_mail(client, world, q, expected):
    add_many(world.project, 12)
    response = dashboard(client, world, q=q)
    assert response.status_code == 200
    assert names_in_table(response) == expected if expected else "<tbody>" not in response.text
    if not expected:
        assert "No participant matches these filters." in response.text


@pytest.mark.parametrize(
    ("sort", "first", "last"),
    [
        ("name", "Līga Kalniņa", "Jānis Ščerbina"),
        ("-name", "Jānis Ščerbina", "Līga Kalniņa"),
        # In the order of the process: added first, issued last.
        ("state", "First000 M-Last000", "First006 M-Last006"),
        ("-state", "First006 M-Last006", "First000 M-Last000"),
        # Never submitted come first, then the earliest.
        ("submitted", "Līga Kalniņa", "First000 M-Last000"),
        ("-submitted", "First000 M-Last000", "Līga Kalniņa"),
        ("reminded", "Līga Kalniņa", "First000 M-Last000"),
        ("-reminded", "First000 M-Last000", "Līga Kalniņa"),
    ],
)
def test_sorting(client, world, sort, first, last):
    add_many(world.project, 9)
    names = names_in_table(dashboard(client, world, sort=sort))
    assert names[0] == first
    if sort.lstrip("-") in ("name", "state"):
        assert names[-1] == last
    else:
        assert last in names


def test_sorted_column_says_so_and_links_to_the_other_direction(client, world):
    response = dashboard(client, world, sort="-submitted", state="active")
    assert 'aria-sort="descending"' in response.text
    assert 'href="?state=active&amp;sort=submitted#participants"' in response.text


def test_fifty_a_page_and_page_links_keep_filters_and_sort(client, world):
    add_many(world.project, 150)
    response = dashboard(client, world, language="lv", sort="-name")
    assert len(names_in_table(response)) == 50
    assert "Participants 1–50 of 75 found." in response.text
    assert 'href="?language=lv&amp;sort=-name&amp;page=2#participants"' in response.text
    second = dashboard(client, world, language="lv", sort="-name", page=2)
    assert len(names_in_table(second)) == 25
    assert set(names_in_table(second)).isdisjoint(names_in_table(response))


@pytest.mark.parametrize(
    "query",
    [
        {"state": "flying"},
        {"language": "xx"},
        {"role": "boss"},
        {"sort": "password"},
        {"sort": "-"},
        {"q": "x" * 500},
        {"page": "last-but-one"},
        {"page": "-3"},
        {"page": "99999"},
        {"state": ["added", "flying"]},
        {"q": "\x00"},
    ],
)
def test_bad_filters_give_a_message_never_an_error(client, world, query):
    add_many(world.project, 3)
    response = dashboard(client, world, **query)
    assert response.status_code == 200
    if set(query) - {"page"}:
        assert "Some filters could not be used and are left out" in response.text
    # What was understood still works: the table is there.
    assert names_in_table(response)


def test_deadline_and_next_reminder(client, world):
    world.project.deadline = timezone.localdate() + datetime.timedelta(days=10)
    world.project.reminder_days = [7, 1]
    world.project.save()
    response = dashboard(client, world)
    next_day = world.project.deadline - datetime.timedelta(days=7)
    assert "in 10 days" in response.text
    assert f"{next_day:%-d %B %Y}" in response.text
    assert "7 days before the deadline" in response.text

    ScheduledReminder.objects.create(
        project=world.project, deadline=world.project.deadline, days_before=7
    )
    response = dashboard(client, world)
    assert "1 day before the deadline" in response.text


def test_without_a_deadline_the_dashboard_offers_to_set_one(client, world):
    response = dashboard(client, world)
    assert "Set a deadline" in response.text
    assert "Reminders go out once a deadline is set." in response.text


def test_links_to_the_project_s_tools(client, world):
    code = world.project.code
    response = dashboard(client, world)
    for name in [
        "dashboard:import",
        "participants:add",
        "dashboard:export_csv",
        "dashboard:export_xlsx",
        "dashboard:issue_all",
        "dashboard:zip",
        "jobs:list",
        "dashboard:bulk_email",
        "projects:edit",
        "support:add",
    ]:
        assert reverse(name, args=[code]) in response.text, name


def test_shows_the_latest_background_task(client, world):
    Job.objects.create(project=world.project, kind=Job.Kind.ZIP, state=Job.State.DONE)
    latest, _started = Job.start(
        world.project, Job.Kind.REMIND, [world.participant], by=world.admin
    )
    response = dashboard(client, world)
    assert f'<a href="{latest.get_absolute_url()}">Reminders</a>' in response.text
    assert "1 of 1, started" in response.text


def test_keeps_partners_activities_and_support_persons(client, world):
    world.project.partners.create(name="Noored Ühendus", town="Tartu", country="EE")
    world.project.activities.create(
        title="Radio workshop",
        start_date=datetime.date(2026, 7, 2),
        end_date=datetime.date(2026, 7, 3),
        aims="Learn to interview.",
    )
    response = dashboard(client, world)
    assert "Noored Ühendus" in response.text
    assert "Radio workshop" in response.text
    assert "Learn to interview." in response.text
    assert "Invite a support person" in response.text


def test_pseudonymised_project_shows_a_banner_and_no_actions(client, world):
    world.project.pseudonymised_at = timezone.make_aware(datetime.datetime(2032, 7, 11, 3))
    world.project.deadline = timezone.localdate() + datetime.timedelta(days=10)
    world.project.save()
    response = dashboard(client, world)
    assert "were pseudonymised under the retention rule" in response.text
    assert "11 July 2032" in response.text
    assert "Certificates issued stay verifiable by their ID." in response.text
    for name in [
        "dashboard:import",
        "participants:add",
        "dashboard:bulk_email",
        "dashboard:issue_all",
    ]:
        assert reverse(name, args=[world.project.code]) not in response.text, name
    assert 'name="participant"' not in response.text
    assert "None: the records are pseudonymised." in response.text


def test_pseudonymised_project_refuses_every_action_that_adds_or_mails(client, world, mailoutbox):
    world.project.pseudonymised_at = timezone.now()
    world.project.save()
    world.participant.state = ParticipantState.ADDED
    world.participant.save()
    login(client, world.editor)
    code = world.project.code
    attempts = [
        ("get", reverse("dashboard:import", args=[code]), {}),
        ("get", reverse("participants:add", args=[code]), {}),
        ("get", reverse("dashboard:issue_all", args=[code]), {}),
        ("post", reverse("dashboard:issue_all", args=[code]), {"signature": "printed"}),
        ("post", reverse("participants:invite", args=[code, world.participant.code]), {}),
    ]
    for method, url, data in attempts:
        response = getattr(client, method)(url, data, follow=True)
        assert response.redirect_chain[-1][0] == world.project.get_absolute_url(), url
        assert "records of this project are pseudonymised" in response.text, url
    assert not mailoutbox
    assert not Job.objects.exists()
    world.participant.refresh_from_db()
    assert world.participant.state == ParticipantState.ADDED


def test_an_editor_sees_the_dashboard_and_others_do_not(client, world):
    assert dashboard(client, world, user=world.editor).status_code == 200
    assert dashboard(client, world, user=world.participant_user).status_code == 403
    assert dashboard(client, world, user=world.outsider).status_code == 404


# Every list and dashboard page loads in a fixed number of queries.

# Session, user, project, membership, counts, the page's count and rows, the reminders
# sent, the latest task and its counts, partners, activities, support persons, and the
# navigation's three.
DASHBOARD_QUERIES = 16


@pytest.mark.parametrize(
    "query",
    # The world's two participants match the filters, and some of those added later.
    [{}, {"state": "active", "language": "en", "q": "a", "sort": "-reminded", "page": "1"}],
)
def test_dashboard_queries_do_not_grow_with_participants(
    client, world, django_assert_num_queries, query
):
    login(client, world.admin)
    url = world.project.get_absolute_url()
    world.project.deadline = timezone.localdate() + datetime.timedelta(days=10)
    world.project.save()
    Job.start(world.project, Job.Kind.REMIND, [world.participant], by=world.admin)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        client.get(url, query)
    add_many(world.project, 48)
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(url, query)
    assert response.status_code == 200
    if not query:
        assert len(names_in_table(response)) == 50


def test_project_list_queries_do_not_grow(client, world, django_assert_num_queries):
    login(client, world.admin)
    second = make_project(world.organisation, title="Second")
    add_many(second, 2)
    with django_assert_num_queries(7):
        client.get(reverse("dashboard:projects"))
    for number in range(48):
        add_many(make_project(world.organisation, title=f"More {number}"), 2, prefix=f"p{number}")
    with django_assert_num_queries(7):
        response = client.get(reverse("dashboard:projects"))
    assert response.text.count('class="fw-semibold"') == 50


def test_pseudonymised_project_refuses_new_participants(client, world):
    world.project.pseudonymised_at = timezone.now()
    world.project.save()
    login(client, world.editor)
    add = reverse("participants:add", args=[world.project.code])
    data = {"first_name": "Nora", "last_name": "Nova", "email": "nora@example.org"}
    for response in (client.get(add), client.post(add, data)):
        assert response.url == world.project.get_absolute_url()
    page = client.get(world.project.get_absolute_url()).text
    assert "nothing can be added, changed or sent to them any more" in page
    assert not Participant.objects.filter(email="nora@example.org").exists()
