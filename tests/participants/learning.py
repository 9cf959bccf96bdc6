"""Helpers for the tests of the learning plan, the journal and drafts."""

import io

from django.urls import reverse
from PIL import Image

from participants.models import Goal, JournalEntry
from support.models import SupportPerson, SupportRole
from tests.conftest import make_user


def url(name, *args):
    return reverse(f"participants:{name}", args=args)


def support_person_for(participant, email="mentor@example.org", role=SupportRole.MENTOR):
    """A support person with an account, assigned to the participant; returns the account."""
    user = make_user(email, "Dace", "Kļaviņa")
    person = SupportPerson.objects.create(
        project=participant.project,
        user=user,
        first_name="Dace",
        last_name="Kļaviņa",
        email=email,
        role=role,
    )
    person.participants.add(participant)
    return user


def make_goal(participant, **fields):
    values = {"title": "Lead a workshop in English", "competence": "multilingual"}
    values.update(fields)
    return Goal.objects.create(participant=participant, **values)


def make_entry(participant, **fields):
    values = {
        "text": "Today I led the morning energiser in English.",
        "competences": ["multilingual"],
    }
    values.update(fields)
    return JournalEntry.objects.create(participant=participant, **values)


def image_bytes(image_format="PNG", size=(40, 30), color=(200, 30, 90), **save_options) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=image_format, **save_options)
    return buffer.getvalue()


def posted(form, **changes) -> dict:
    """What a browser sends for `form` as rendered (e.g. response.context["form"]), with changes."""
    from django import forms

    data = {}
    for field in form:
        widget = field.field.widget
        value = field.value()
        if isinstance(widget, forms.FileInput):
            continue
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[field.html_name] = "on"
            continue
        formatted = widget.format_value(value)
        if isinstance(widget, forms.SelectMultiple | forms.CheckboxSelectMultiple):
            data[field.html_name] = formatted
        elif isinstance(widget, forms.Select):
            data[field.html_name] = formatted[0] if formatted else ""
        elif formatted is not None:
            data[field.html_name] = formatted
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def count_queries(client, address) -> int:
    """How many queries a GET of the page makes (the page must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def assert_only_the_holder_may_post(client, world, address, data=None):
    """For POST-only views: GET is refused for everyone; POST as on the other pages
    (other participant and outsider 404, organisers 403, anonymous to login)."""
    from django.urls import reverse

    client.force_login(world.participant_user)
    assert client.get(address).status_code == 405
    for user, status in (
        (world.other_participant_user, 404),
        (world.outsider, 404),
        (world.admin, 403),
        (world.editor, 403),
    ):
        client.force_login(user)
        assert client.get(address).status_code == 405
        assert client.post(address, data or {}).status_code == status
    client.logout()
    assert client.post(address, data or {}).url.startswith(reverse("login"))
