"""E-mail subjects and plain-text bodies carry what was typed; only the HTML part escapes."""

import pytest
from django.urls import reverse

from youthpass_site.lib.mail import send_templated

TITLE = "Youth & Media <script>alert(1)</script>"


@pytest.fixture
def invited(client, world, mailoutbox):
    world.project.title = TITLE
    world.project.save(update_fields=["title"])
    client.force_login(world.editor)
    client.post(
        reverse("participants:add", args=[world.project.code]),
        {
            "first_name": "O'Brien",
            "last_name": "Kovalenko",
            "email": "obrien@example.org",
            "send_invitation": "on",
        },
    )
    assert len(mailoutbox) == 1
    return mailoutbox[0]


def test_subject_and_text_body_carry_the_names_as_typed(invited):
    assert invited.subject == f"Your Youthpass for “{TITLE}”"
    assert "&amp;" not in invited.subject and "&#x27;" not in invited.body
    assert "Hello O'Brien," in invited.body
    assert f"in “{TITLE}”" in invited.body


def test_the_html_body_still_escapes(invited):
    html = invited.alternatives[0].content
    assert "<script>" not in html
    assert "Youth &amp; Media &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "O&#x27;Brien" in html


def test_every_subject_is_rendered_as_plain_text(db, mailoutbox):
    send_templated(
        "support-feedback",
        "person@example.org",
        "en",
        {"author": {"full_name": "Seán O'Brien & Co"}, "participant": {"first_name": "A&B"}},
        at_once=True,
    )
    message = mailoutbox[0]
    assert message.subject == "New feedback from Seán O'Brien & Co"
    assert "Hello A&B," in message.body
    assert "Hello A&amp;B," in message.alternatives[0].content
