"""Every page's title is its own name and the site's, apart; and machine-readable times
are as HTML allows them (no more than three fractional digits: we give none)."""

import datetime
import re

from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from jobs.models import Job


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.text, re.S).group(1)


def test_a_page_title_and_the_site_name_stand_apart(client):
    assert title(client.get(reverse("login"))) == "Log in · Youthpass"


def test_the_site_name_alone_where_a_page_names_nothing_else():
    template = Template("{% load site_tags %}{% pagetitle %} {% endpagetitle %}")
    assert template.render(Context()) == "Youthpass"


def test_a_title_of_user_text_is_escaped_once(client, world):
    world.project.title = "Youth & <Media>"
    world.project.save()
    client.force_login(world.editor)
    page = client.get(reverse("dashboard:project", args=[world.project.code]))
    assert title(page) == "Youth &amp; &lt;Media&gt; · Youthpass"


def test_times_carry_whole_seconds(client, world):
    submitted = timezone.now().replace(microsecond=123456)
    world.participant.submitted_at = submitted
    world.participant.save()
    Job.objects.create(project=world.project, kind=Job.Kind.ZIP, state=Job.State.DONE)
    client.force_login(world.editor)
    pages = [
        client.get(reverse("dashboard:project", args=[world.project.code])),
        client.get(reverse("jobs:list", args=[world.project.code])),
    ]
    for page in pages:
        times = re.findall(r'<time datetime="([^"]+)"', page.text)
        assert times
        for value in times:
            assert "." not in value, value
            datetime.datetime.fromisoformat(value)
