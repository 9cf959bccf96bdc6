"""Support persons hear when an assigned participant shares a goal or a journal entry."""

import datetime

from django.urls import reverse

from participants.models import Goal
from support.models import SupportPerson, SupportRole
from tests.participants.learning import make_entry, make_goal, posted, url

SITE = "https://youthpass.test"


def html_of(mail):
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    return html


def share(client, world, name, item, value="1"):
    client.force_login(world.participant_user)
    return client.post(url(name, world.participant.code, item.code), {"shared": value})


def test_sharing_a_goal_tells_the_assigned_support_persons(client, support, mailoutbox):
    world = support
    goal = world.private_goal

    share(client, world, "goal_share", goal)

    # The mentor of another participant, and support persons of another project, hear nothing.
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "mentor@example.org",
        "supervisor@example.org",
    ]
    mail = next(mail for mail in mailoutbox if mail.to == ["mentor@example.org"])
    assert mail.subject == "Līga Kalniņa shared a goal with you"
    assert "Hello Jānis," in mail.body
    assert (
        "Līga Kalniņa shared a goal of their learning plan in “Voices of the Baltic” with you: "
        "“Stop being afraid of the phone”." in mail.body
    )
    link = SITE + reverse("support:participant", args=[world.participant.code])
    assert f"{link}#goal-{goal.code}" in mail.body
    assert f'href="{link}#goal-{goal.code}"' in html_of(mail)
    # The link opens the goal for the mentor.
    client.force_login(world.mentor_user)
    page = client.get(link.removeprefix(SITE)).content.decode()
    assert "Stop being afraid of the phone" in page


def test_sharing_a_journal_entry_names_its_date_not_its_text(client, support, mailoutbox):
    world = support

    share(client, world, "entry_share", world.private_entry)

    mail = next(mail for mail in mailoutbox if mail.to == ["supervisor@example.org"])
    assert mail.subject == "Līga Kalniņa shared a journal entry with you"
    assert "shared their journal entry of 4 July 2026 in “Voices of the Baltic”" in mail.body
    assert f"#entry-{world.private_entry.code}" in mail.body
    assert "private worry" not in mail.body
    assert "private worry" not in html_of(mail)


def test_sharing_again_or_making_private_sends_nothing(client, support, mailoutbox):
    world = support

    share(client, world, "goal_share", world.shared_goal)
    share(client, world, "entry_share", world.shared_entry, "0")
    share(client, world, "goal_share", world.private_goal, "0")

    assert mailoutbox == []


def test_a_double_click_tells_them_once(client, support, mailoutbox):
    world = support

    share(client, world, "goal_share", world.private_goal)
    share(client, world, "goal_share", world.private_goal)

    assert len(mailoutbox) == 2  # the mentor and the supervisor, once each


def test_a_goal_shared_when_added_or_edited(client, support, mailoutbox):
    world = support
    client.force_login(world.participant_user)

    client.post(
        url("goal_add", world.participant.code), {"title": "Cook for twenty", "shared": "on"}
    )
    assert len(mailoutbox) == 2
    assert "“Cook for twenty”" in mailoutbox[0].body

    mailoutbox.clear()
    client.post(url("goal_add", world.participant.code), {"title": "Keep this one to myself"})
    assert mailoutbox == []

    goal = Goal.objects.get(title="Keep this one to myself")
    edit = url("goal_edit", world.participant.code, goal.code)
    form = client.get(edit).context["form"]
    client.post(edit, posted(form, shared=True))
    assert len(mailoutbox) == 2
    assert "“Keep this one to myself”" in mailoutbox[0].body

    # Saving a shared goal again tells nobody.
    mailoutbox.clear()
    form = client.get(edit).context["form"]
    client.post(edit, posted(form, how="Practise on Sundays."))
    goal.refresh_from_db()
    assert goal.how == "Practise on Sundays."
    assert mailoutbox == []


def test_an_entry_shared_when_added_or_edited(client, support, mailoutbox):
    world = support
    client.force_login(world.participant_user)

    client.post(
        url("entry_add", world.participant.code),
        {"date": "2026-07-05", "text": "Radio day.", "shared": "on"},
    )
    assert len(mailoutbox) == 2

    mailoutbox.clear()
    entry = make_entry(world.participant, date=datetime.date(2026, 7, 6), shared=False)
    edit = url("entry_edit", world.participant.code, entry.code)
    form = client.get(edit).context["form"]
    client.post(edit, posted(form, shared=True))
    assert len(mailoutbox) == 2


def test_support_persons_without_an_account_hear_nothing(client, support, mailoutbox):
    world = support
    invited = SupportPerson.objects.create(
        project=world.project,
        first_name="Pēteris",
        last_name="Lapiņš",
        email="invited@example.org",
        role=SupportRole.COACH,
    )
    invited.assign([world.participant])
    world.mentor.erase()

    share(client, world, "goal_share", world.private_goal)

    assert [mail.to for mail in mailoutbox] == [["supervisor@example.org"]]


def test_in_the_support_persons_language(client, support, mailoutbox):
    world = support
    world.mentor_user.language = "lv"
    world.mentor_user.save(update_fields=["language"])

    share(client, world, "goal_share", make_goal(world.participant, title="Cook", shared=False))

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    latvian = by_address["mentor@example.org"]
    assert latvian.extra_headers["Content-Language"] == "lv"
    assert '<html lang="lv">' in html_of(latvian)
    assert by_address["supervisor@example.org"].extra_headers["Content-Language"] == "en"
