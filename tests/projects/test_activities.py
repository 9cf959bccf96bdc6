"""Activities of a project, for Part 3 of the certificate: kept by the project's members."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import MAX_ACTIVITIES, Activity, PartnerOrganisation
from tests.projects.test_project_views import PROJECT_DATA

ACTIVITY = {
    "title": "Advance planning visit",
    "start_date": "2026-05-04",
    "end_date": "2026-05-06",
    "venue_town": "Cēsis",
    "venue_country": "LV",
    "organisations_in_charge": "Jauniešu centrs Ģēnijs with MTÜ Noorte Hääl",
    "aims": "Agree the programme and the safety plan with the partners.",
    "activities": "Site visit, programme workshop, meeting with the municipality.",
    "results": "A programme and a safety plan signed by all partners.",
}


def make_activity(project, **fields):
    values = {
        "title": "Youth exchange in Cēsis",
        "start_date": datetime.date(2026, 7, 1),
        "end_date": datetime.date(2026, 7, 10),
        "venue_town": "Cēsis",
        "venue_country": "LV",
        "aims": "Learn radio journalism.",
        **fields,
    }
    return Activity.objects.create(project=project, **values)


@pytest.fixture
def activity(world):
    return make_activity(world.project)


def add_url(world):
    return reverse("projects:activity_add", args=[world.project.code])


def edit_url(activity):
    return reverse("projects:activity_edit", args=[activity.project.code, activity.code])


def delete_url(activity):
    return reverse("projects:activity_delete", args=[activity.project.code, activity.code])


@pytest.mark.parametrize("user_name", ["admin", "editor"])
def test_member_adds_an_activity(client, world, user_name):
    client.force_login(getattr(world, user_name))
    assert client.get(add_url(world)).status_code == 200

    response = client.post(add_url(world), ACTIVITY)

    assert response.url == world.project.get_absolute_url() + "#activities"
    activity = world.project.activities.get()
    assert activity.title == "Advance planning visit"
    assert (activity.start_date, activity.end_date) == (
        datetime.date(2026, 5, 4),
        datetime.date(2026, 5, 6),
    )
    assert activity.venue_country.code == "LV"
    assert activity.results == "A programme and a safety plan signed by all partners."
    page = client.get(world.project.get_absolute_url()).content.decode()
    assert "Advance planning visit" in page
    assert "Agree the programme and the safety plan with the partners." in page
    assert edit_url(activity) in page
    assert delete_url(activity) in page


def test_only_title_and_dates_are_required(client, world):
    client.force_login(world.editor)
    data = {key: ACTIVITY[key] for key in ("title", "start_date", "end_date")}
    assert client.post(add_url(world), data).status_code == 302
    activity = world.project.activities.get()
    assert (activity.venue_town, activity.aims, activity.results) == ("", "", "")


def test_member_edits_an_activity(client, world, activity):
    client.force_login(world.editor)
    assert "Learn radio journalism." in client.get(edit_url(activity)).content.decode()

    response = client.post(edit_url(activity), {**ACTIVITY, "title": "Renamed"})

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Renamed"
    assert activity.aims == ACTIVITY["aims"]


def test_delete_asks_first_and_deletes_only_on_post(client, world, activity):
    client.force_login(world.editor)
    page = client.get(delete_url(activity)).content.decode()
    assert "Delete the activity “Youth exchange in Cēsis”" in page
    assert Activity.objects.filter(pk=activity.pk).exists()

    response = client.post(delete_url(activity))

    assert response.url == world.project.get_absolute_url() + "#activities"
    assert not Activity.objects.filter(pk=activity.pk).exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2026-05-01"}, "The activity cannot end before it starts."),
        ({"start_date": "soon"}, "Enter a valid date."),
        ({"title": ""}, "This field is required."),
        ({"end_date": ""}, "This field is required."),
        ({"venue_country": "XX"}, "Select a valid choice"),
        ({"aims": "a" * 1501}, "at most 1500 characters"),
        ({"activities": "a" * 1501}, "at most 1500 characters"),
        ({"results": "a" * 1501}, "at most 1500 characters"),
        ({"organisations_in_charge": "o" * 501}, "at most 500 characters"),
    ],
)
def test_bad_input_is_explained_and_nothing_changes(client, world, activity, changes, message):
    client.force_login(world.admin)
    for url in (add_url(world), edit_url(activity)):
        response = client.post(url, {**ACTIVITY, **changes})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert world.project.activities.count() == 1
    activity.refresh_from_db()
    assert activity.title == "Youth exchange in Cēsis"


def test_longest_texts_are_accepted(client, world):
    client.force_login(world.admin)
    data = {**ACTIVITY, "aims": "a" * 1500, "activities": "b" * 1500, "results": "c" * 1500}
    assert client.post(add_url(world), data).status_code == 302
    assert len(world.project.activities.get().results) == 1500


def test_number_of_activities_is_limited(client, world):
    for n in range(MAX_ACTIVITIES):
        make_activity(world.project, title=f"Activity {n}")
    client.force_login(world.admin)
    assert add_url(world) not in client.get(world.project.get_absolute_url()).content.decode()

    response = client.post(add_url(world), ACTIVITY)

    assert f"at most {MAX_ACTIVITIES} activities" in response.content.decode()
    assert world.project.activities.count() == MAX_ACTIVITIES


def test_part3_is_switched_on_in_the_project_form(client, world):
    client.force_login(world.editor)
    edit = reverse("projects:edit", args=[world.project.code])
    assert "Print Part 3 (description of activities)" in client.get(edit).content.decode()
    assert not world.project.print_part3
    page = client.get(world.project.get_absolute_url()).content.decode()
    assert "Part 3 is not printed on the certificates of this project." in page

    client.post(edit, {**PROJECT_DATA, "print_part3": "on"})

    world.project.refresh_from_db()
    assert world.project.print_part3
    page = client.get(world.project.get_absolute_url()).content.decode()
    assert "Part 3 is printed on the certificates of this project." in page


def test_participant_of_the_project_is_refused(client, world, activity):
    client.force_login(world.participant_user)
    for url in (add_url(world), edit_url(activity), delete_url(activity)):
        assert client.get(url).status_code == 403
        assert client.post(url, ACTIVITY).status_code == 403
    assert world.project.activities.get().title == "Youth exchange in Cēsis"


def test_outsider_gets_404_and_changes_nothing(client, world, activity):
    client.force_login(world.outsider)
    for url in (add_url(world), edit_url(activity), delete_url(activity)):
        assert client.get(url).status_code == 404
        assert client.post(url, ACTIVITY).status_code == 404
    assert world.project.activities.get().title == "Youth exchange in Cēsis"


def test_activity_of_another_project_is_not_found_through_ones_own(client, world, activity):
    client.force_login(world.outsider)
    own = world.other_project.code
    for name in ("projects:activity_edit", "projects:activity_delete"):
        assert client.post(reverse(name, args=[own, activity.code]), ACTIVITY).status_code == 404
    assert Activity.objects.filter(pk=activity.pk, title="Youth exchange in Cēsis").exists()


def test_anonymous_is_sent_to_login(client, world, activity):
    for url in (add_url(world), edit_url(activity), delete_url(activity)):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
    assert world.project.activities.count() == 1


def test_project_page_queries_do_not_grow_with_partners_and_activities(client, world):
    client.force_login(world.admin)
    make_activity(world.project)
    PartnerOrganisation.objects.create(project=world.project, name="P", town="T", country="EE")
    with CaptureQueriesContext(connection) as one:
        client.get(world.project.get_absolute_url())
    for n in range(10):
        make_activity(world.project, title=f"Activity {n}")
        PartnerOrganisation.objects.create(
            project=world.project, name=f"P{n}", town="T", country="EE"
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(world.project.get_absolute_url()).content.decode()
    assert "Activity 9" in page
    assert "P9" in page
    assert len(many.captured_queries) == len(one.captured_queries)
