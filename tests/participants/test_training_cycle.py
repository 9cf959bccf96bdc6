"""The organisers record the training and evaluation cycle that a volunteer took part in."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from participants.models import Participant
from projects.formats import Format
from tests.participants.conftest import manage_url

# The world's project runs from 1 to 10 July 2026.


def with_format(world, project_format):
    world.project.format = project_format
    world.project.save()
    return world.participant


@pytest.fixture
def volunteer(world):
    return with_format(world, Format.VOLUNTEERING)


@pytest.fixture
def humanitarian_volunteer(world):
    return with_format(world, Format.HUMANITARIAN_AID_VOLUNTEERING)


def test_the_organiser_records_the_cycle_with_and_without_dates(client, world, volunteer):
    client.force_login(world.editor)

    response = client.post(
        manage_url(volunteer, "training_cycle"),
        {"on_arrival": "on", "on_arrival_date": "2026-07-02", "mid_term": "on"},
        follow=True,
    )

    assert "Saved the training and evaluation cycle of Līga Kalniņa." in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.training_cycle == [
        {"event": "on_arrival", "date": "2026-07-02"},
        {"event": "mid_term", "date": None},
    ]
    assert [(str(event.name), day) for event, day in volunteer.training_cycle_attended()] == [
        ("On-arrival training", datetime.date(2026, 7, 2)),
        ("Mid-term evaluation", None),
    ]


def test_the_page_shows_what_was_recorded(client, world, volunteer):
    volunteer.record_training_cycle([("on_arrival", datetime.date(2026, 7, 2))])
    client.force_login(world.admin)

    page = client.get(manage_url(volunteer)).content.decode()

    assert "Training and evaluation cycle" in page
    on_arrival_box = page.split('name="on_arrival"')[1].split(">")[0]
    mid_term_box = page.split('name="mid_term"')[1].split(">")[0]
    assert "checked" in on_arrival_box and "checked" not in mid_term_box
    assert 'value="2026-07-02"' in page
    assert "Pre-departure training" not in page  # only humanitarian aid volunteers have it


def test_unticking_removes_an_event(client, world, volunteer):
    volunteer.record_training_cycle([("on_arrival", None), ("mid_term", None)])
    client.force_login(world.editor)

    client.post(manage_url(volunteer, "training_cycle"), {"mid_term": "on"})

    volunteer.refresh_from_db()
    assert volunteer.training_cycle == [{"event": "mid_term", "date": None}]


def test_humanitarian_aid_volunteers_also_have_pre_departure_training(
    client, world, humanitarian_volunteer
):
    client.force_login(world.editor)
    page = client.get(manage_url(humanitarian_volunteer)).content.decode()
    assert "Pre-departure training" in page

    client.post(
        manage_url(humanitarian_volunteer, "training_cycle"),
        {"pre_departure": "on", "pre_departure_date": "2026-06-15", "on_arrival": "on"},
    )

    humanitarian_volunteer.refresh_from_db()
    assert humanitarian_volunteer.training_cycle == [
        {"event": "pre_departure", "date": "2026-06-15"},
        {"event": "on_arrival", "date": None},
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"on_arrival_date": "2026-07-02"},
            "Tick “On-arrival training” as well, or leave its date empty.",
        ),
        (
            {"on_arrival": "on", "on_arrival_date": "2026-06-30"},
            "Choose a date within the period of participation, 1 July 2026 to 10 July 2026.",
        ),
        (
            {"mid_term": "on", "mid_term_date": "2026-07-11"},
            "Choose a date within the period of participation",
        ),
        (
            {"pre_departure": "on", "pre_departure_date": "2026-07-02"},
            "Choose a date before the volunteering starts, on 1 July 2026 at the latest.",
        ),
        (
            {
                "on_arrival": "on",
                "on_arrival_date": "2026-07-05",
                "mid_term": "on",
                "mid_term_date": "2026-07-03",
            },
            "The mid-term evaluation comes after the on-arrival training.",
        ),
        ({"on_arrival": "on", "on_arrival_date": "2026-07-0x"}, "Enter a valid date."),
    ],
)
def test_bad_input_explains_and_changes_nothing(
    client, world, humanitarian_volunteer, data, message
):
    humanitarian_volunteer.record_training_cycle([("mid_term", None)])
    client.force_login(world.editor)

    response = client.post(manage_url(humanitarian_volunteer, "training_cycle"), data)

    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    assert "The training and evaluation cycle was not saved." in page
    assert message in page
    humanitarian_volunteer.refresh_from_db()
    assert humanitarian_volunteer.training_cycle == [{"event": "mid_term", "date": None}]


def test_the_volunteers_own_period_bounds_the_dates(client, world, volunteer):
    volunteer.start_date = datetime.date(2026, 7, 4)
    volunteer.save()
    client.force_login(world.editor)

    response = client.post(
        manage_url(volunteer, "training_cycle"),
        {"on_arrival": "on", "on_arrival_date": "2026-07-02"},
    )

    assert "within the period of participation, 4 July 2026 to 10 July 2026" in (
        response.content.decode()
    )
    volunteer.refresh_from_db()
    assert volunteer.training_cycle == []


def test_the_volunteer_sees_what_will_be_printed(client, world, volunteer):
    client.force_login(world.participant_user)
    page = client.get(reverse("participants:detail", args=[volunteer.code])).content.decode()
    assert "Not recorded yet: your organisers fill it in." in page

    volunteer.record_training_cycle([("on_arrival", datetime.date(2026, 7, 2))])
    page = client.get(reverse("participants:detail", args=[volunteer.code])).content.decode()

    assert "On-arrival training, 2 July 2026" in page
    assert "Mid-term evaluation" not in page


def test_the_participant_cannot_record_their_own_cycle(client, world, volunteer):
    client.force_login(world.participant_user)

    response = client.post(manage_url(volunteer, "training_cycle"), {"on_arrival": "on"})

    assert response.status_code == 403
    volunteer.refresh_from_db()
    assert volunteer.training_cycle == []


def test_outsiders_and_get_are_refused(client, world, volunteer):
    url = manage_url(volunteer, "training_cycle")
    client.force_login(world.outsider)
    assert client.post(url, {"on_arrival": "on"}).status_code == 404
    client.force_login(world.editor)
    assert client.get(url).status_code == 405
    volunteer.refresh_from_db()
    assert volunteer.training_cycle == []


def test_formats_without_a_cycle_neither_show_nor_take_one(client, world):
    participant = with_format(world, Format.TRAINING_COOPERATION)
    client.force_login(world.editor)

    assert (
        "Training and evaluation cycle" not in client.get(manage_url(participant)).content.decode()
    )
    response = client.post(
        manage_url(participant, "training_cycle"), {"on_arrival": "on"}, follow=True
    )

    assert "has no training and evaluation cycle to record" in response.content.decode()
    participant.refresh_from_db()
    assert participant.training_cycle == []
    client.force_login(world.participant_user)
    own_page = client.get(reverse("participants:detail", args=[participant.code]))
    assert "Training and evaluation cycle" not in own_page.content.decode()


def test_a_format_change_keeps_the_cycle_but_leaves_events_of_another_cycle_out(world):
    participant = with_format(world, Format.HUMANITARIAN_AID_VOLUNTEERING)
    participant.record_training_cycle([("pre_departure", None), ("on_arrival", None)])

    with_format(world, Format.VOLUNTEERING)
    participant = Participant.objects.get(pk=participant.pk)

    assert [event.key for event, _day in participant.training_cycle_attended()] == ["on_arrival"]
    participant.record_training_cycle([("mid_term", None)])
    assert participant.training_cycle == [
        {"event": "pre_departure", "date": None},
        {"event": "mid_term", "date": None},
    ]


@pytest.mark.parametrize(
    "value",
    [
        {"event": "on_arrival"},
        [{"event": "holiday"}],
        [{"event": "on_arrival"}, {"event": "on_arrival"}],
        [{"event": "on_arrival", "date": "soon"}],
    ],
)
def test_the_stored_cycle_is_checked(world, value):
    world.participant.training_cycle = value
    with pytest.raises(ValidationError):
        world.participant.full_clean()
