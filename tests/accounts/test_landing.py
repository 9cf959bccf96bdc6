"""After logging in, each person lands on their own page: organisers on their projects,
participants on their Youthpass, support persons on the participants they support; a
`next` address still wins."""

import pytest
from django.urls import reverse

from support.models import SupportPerson, SupportRole
from tests.conftest import PASSWORD, make_user


def log_in(client, user, next_url=None):
    data = {"username": user.email, "password": PASSWORD}
    url = reverse("login") + (f"?next={next_url}" if next_url else "")
    return client.post(url, data, follow=True)


@pytest.mark.parametrize(
    ("who", "lands_on"),
    [
        ("editor", "dashboard:projects"),
        ("admin", "dashboard:projects"),
        ("participant_user", "participants:mine"),
    ],
)
def test_each_lands_on_their_own_page(client, world, who, lands_on):
    response = log_in(client, getattr(world, who))
    assert response.redirect_chain[-1][0] == reverse(lands_on)


def test_a_support_person_lands_on_their_participants(client, world):
    mentor = make_user("mentor@example.org")
    SupportPerson.objects.create(
        project=world.project,
        email=mentor.email,
        first_name="M",
        last_name="Entor",
        role=SupportRole.MENTOR,
        user=mentor,
    )
    response = log_in(client, mentor)
    assert response.redirect_chain[-1][0] == reverse("support:mine")


def test_someone_with_nothing_yet_lands_at_home(client, world):
    response = log_in(client, make_user("new@example.org"))
    assert response.redirect_chain[-1][0] == reverse("home")


def test_next_still_wins(client, world):
    target = reverse("me")
    response = log_in(client, world.participant_user, next_url=target)
    assert response.redirect_chain[-1][0] == target
