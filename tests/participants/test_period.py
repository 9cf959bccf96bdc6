import datetime

import pytest
from django.urls import reverse

from tests.participants.conftest import manage_url

# The world's project runs from 1 to 10 July 2026.
JULY = datetime.date(2026, 7, 1)


def test_the_organiser_sets_the_participants_own_period(client, world):
    client.force_login(world.editor)

    response = client.post(
        manage_url(world.participant, "period"),
        {"start_date": "2026-07-03", "end_date": "2026-07-08"},
        follow=True,
    )

    assert "took part from 3 July 2026 to 8 July 2026" in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.start_date == datetime.date(2026, 7, 3)
    assert world.participant.end_date == datetime.date(2026, 7, 8)
    assert world.participant.period == (datetime.date(2026, 7, 3), datetime.date(2026, 7, 8))
    assert world.participant.has_own_period


def test_one_date_is_enough_the_other_is_the_projects(client, world):
    client.force_login(world.admin)

    client.post(
        manage_url(world.participant, "period"), {"start_date": "", "end_date": "2026-07-05"}
    )

    world.participant.refresh_from_db()
    assert world.participant.start_date is None
    assert world.participant.period == (JULY, datetime.date(2026, 7, 5))


def test_empty_dates_mean_the_whole_project(client, world):
    world.participant.end_date = datetime.date(2026, 7, 5)
    world.participant.save()
    client.force_login(world.admin)

    response = client.post(
        manage_url(world.participant, "period"), {"start_date": "", "end_date": ""}, follow=True
    )

    assert "took part for the whole project" in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.end_date is None
    assert not world.participant.has_own_period


def test_the_projects_own_dates_are_not_a_period_of_its_own(world):
    world.participant.start_date = JULY
    world.participant.end_date = datetime.date(2026, 7, 10)
    assert not world.participant.has_own_period


@pytest.mark.parametrize(
    ("start_date", "end_date", "message"),
    [
        ("2026-06-30", "", "within the project&#x27;s dates, 1 July 2026 to 10 July 2026"),
        ("", "2026-07-11", "within the project&#x27;s dates"),
        ("2026-07-08", "2026-07-03", "The last day comes before the first day."),
        ("", "2026-07-01x", "Enter a valid date."),
    ],
)
def test_bad_dates_explain_and_change_nothing(client, world, start_date, end_date, message):
    world.participant.end_date = datetime.date(2026, 7, 9)
    world.participant.save()
    client.force_login(world.editor)

    response = client.post(
        manage_url(world.participant, "period"),
        {"start_date": start_date, "end_date": end_date},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "The period was not saved." in page
    assert message in page
    world.participant.refresh_from_db()
    assert world.participant.start_date is None
    assert world.participant.end_date == datetime.date(2026, 7, 9)


def test_the_manage_page_offers_the_period_form(client, world):
    client.force_login(world.editor)

    page = client.get(manage_url(world.participant)).content.decode()

    assert "Period of participation" in page
    assert f'action="{manage_url(world.participant, "period")}#period"' in page
    assert 'min="2026-07-01"' in page
    assert 'max="2026-07-10"' in page


def test_period_is_post_only(client, world):
    client.force_login(world.editor)
    assert client.get(manage_url(world.participant, "period")).status_code == 405


def test_roles(client, world):
    url = manage_url(world.participant, "period")
    data = {"start_date": "2026-07-03", "end_date": ""}
    client.force_login(world.participant_user)
    assert client.post(url, data).status_code == 403
    client.force_login(world.outsider)
    assert client.post(url, data).status_code == 404
    client.logout()
    assert client.post(url, data).url.startswith(reverse("login"))
    world.participant.refresh_from_db()
    assert world.participant.start_date is None
