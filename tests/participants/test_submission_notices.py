"""Organisers hear of submissions: each one, a daily list, or nothing (a project setting)."""

import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from participants import notices
from projects.models import Membership, MembershipRole, Project, SubmissionNotices
from tests.conftest import make_user, write_outcomes
from tests.participants.conftest import manage_url, my_url
from tests.projects.test_project_views import PROJECT_DATA

SITE = "https://youthpass.test"
RIGA = zoneinfo.ZoneInfo("Europe/Riga")
MONDAY = datetime.date(2026, 7, 6)


def at(day: datetime.date, hour: int):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(hour), RIGA))


def set_notices(project, value):
    Project.objects.filter(pk=project.pk).update(submission_notices=value)
    project.refresh_from_db()


def submit(client, participant, user):
    write_outcomes(participant, {"digital": "I learned to edit audio."})
    client.force_login(user)
    response = client.post(my_url(participant, "submit"), follow=True)
    assert "Submitted. The organisers will review it" in response.content.decode()


def resubmit(client, world, participant, user):
    client.force_login(world.editor)
    client.post(manage_url(participant, "review"), {"decision": "return", "comment": "More."})
    client.force_login(user)
    client.post(my_url(participant, "outcomes"), {"digital": "I learned to edit audio well."})
    client.post(my_url(participant, "submit"))


ORGANISERS = ("admin@example.org", "editor@example.org")


def to_organisers(mailoutbox):
    return [mail for mail in mailoutbox if mail.to[0] in ORGANISERS]


def html_of(mail):
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    return html


# Each submission


def test_each_submission_mails_every_organiser(client, world, mailoutbox):
    submit(client, world.participant, world.participant_user)

    assert sorted(mail.to[0] for mail in mailoutbox) == ["admin@example.org", "editor@example.org"]
    mail = next(mail for mail in mailoutbox if mail.to == ["editor@example.org"])
    assert mail.subject == "Submitted for review: Līga Kalniņa, “Voices of the Baltic”"
    assert "Hello Edgars," in mail.body
    assert "Līga Kalniņa handed in their self-assessment in “Voices of the Baltic”" in mail.body
    link = SITE + manage_url(world.participant) + "#review"
    assert link in mail.body
    assert f'href="{link}"' in html_of(mail)
    # The link opens the review page for the organiser.
    client.force_login(world.editor)
    page = client.get(link.removeprefix(SITE).removesuffix("#review"))
    assert page.status_code == 200
    assert "I learned to edit audio." in page.content.decode()


def test_a_resubmission_says_so(client, world, mailoutbox):
    submit(client, world.participant, world.participant_user)
    mailoutbox.clear()

    resubmit(client, world, world.participant, world.participant_user)

    (mail, _other) = to_organisers(mailoutbox)
    assert mail.subject == "Resubmitted for review: Līga Kalniņa, “Voices of the Baltic”"
    assert "handed in their changed self-assessment" in mail.body
    assert "(round 2)" in mail.body


def test_each_organiser_reads_it_in_their_own_language(client, world, mailoutbox):
    world.editor.language = "lv"
    world.editor.save(update_fields=["language"])

    submit(client, world.participant, world.participant_user)

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    latvian, english = by_address["editor@example.org"], by_address["admin@example.org"]
    assert latvian.extra_headers["Content-Language"] == "lv"
    assert '<html lang="lv">' in html_of(latvian)
    assert english.extra_headers["Content-Language"] == "en"
    assert '<html lang="en">' in html_of(english)


def test_organisers_of_other_organisations_hear_nothing(client, world, mailoutbox):
    stranger = make_user("stranger@example.org", "Sigita", "Strauja")
    Membership.objects.create(
        organisation=world.other_organisation, user=stranger, role=MembershipRole.EDITOR
    )

    submit(client, world.participant, world.participant_user)

    assert {mail.to[0] for mail in mailoutbox} == {"admin@example.org", "editor@example.org"}


def test_off_sends_nothing(client, world, mailoutbox):
    set_notices(world.project, SubmissionNotices.OFF)

    submit(client, world.participant, world.participant_user)
    call_command("send_submission_digests", stdout=io.StringIO())

    assert mailoutbox == []


def test_daily_sends_nothing_at_the_submission(client, world, mailoutbox):
    set_notices(world.project, SubmissionNotices.DAILY)

    submit(client, world.participant, world.participant_user)

    assert mailoutbox == []


# The daily list


def run() -> str:
    out = io.StringIO()
    call_command("send_submission_digests", stdout=out)
    return out.getvalue()


@pytest.fixture
def daily(world):
    set_notices(world.project, SubmissionNotices.DAILY)
    return world


def test_daily_list_goes_once_a_day(client, daily, mailoutbox):
    world = daily
    with at(MONDAY, 14):
        submit(client, world.participant, world.participant_user)
        submit(client, world.other_participant, world.other_participant_user)
    with at(MONDAY, 20):
        output = run()

    mails = to_organisers(mailoutbox)
    assert sorted(mail.to[0] for mail in mails) == ["admin@example.org", "editor@example.org"]
    mail = next(mail for mail in mails if mail.to == ["admin@example.org"])
    assert mail.subject == "2 self-assessments handed in for review in “Voices of the Baltic”"
    assert "Hello Anna," in mail.body
    assert "Līga Kalniņa" in mail.body and "Jānis Ščerbina" in mail.body
    assert SITE + manage_url(world.participant) + "#review" in mail.body
    assert SITE + manage_url(world.other_participant) + "#review" in html_of(mail)
    # The command's output names the project by its code, never a person.
    assert world.project.code in output
    assert "Līga" not in output and "example.org" not in output

    # A second run the same day sends nothing, even with a new submission meanwhile.
    mailoutbox.clear()
    with at(MONDAY, 21):
        resubmit(client, world, world.participant, world.participant_user)
        run()
    assert to_organisers(mailoutbox) == []

    # The next day's list holds only what came since the last one.
    with at(MONDAY + datetime.timedelta(days=1), 20):
        run()
    (mail, _other) = to_organisers(mailoutbox)
    assert mail.subject == "1 self-assessment handed in for review in “Voices of the Baltic”"
    assert "Līga Kalniņa (changed, round 2)" in mail.body
    assert "Jānis Ščerbina" not in mail.body


def test_no_list_without_submissions(client, daily, mailoutbox):
    with at(MONDAY, 20):
        assert "Lists of submissions sent for 0 projects." in run()
    assert mailoutbox == []


def test_two_runs_at_once_send_one_list(client, daily, mailoutbox):
    world = daily
    with at(MONDAY, 14):
        submit(client, world.participant, world.participant_user)
    with at(MONDAY, 20):
        # Both runs found the project due; the one that claims it second sends nothing.
        (seen_by_second_run,) = notices.due_projects(datetime.datetime.now(RIGA))
        run()
        assert len(to_organisers(mailoutbox)) == 2
        assert notices._claim(seen_by_second_run, datetime.datetime.now(RIGA)) is False
        assert run().endswith("Lists of submissions sent for 0 projects.\n")
    assert len(to_organisers(mailoutbox)) == 2


def test_dry_run_sends_and_marks_nothing(client, daily, mailoutbox):
    world = daily
    with at(MONDAY, 14):
        submit(client, world.participant, world.participant_user)
    with at(MONDAY, 20):
        out = io.StringIO()
        call_command("send_submission_digests", "--dry-run", stdout=out)
        assert "1 lists would go out" in out.getvalue()
        assert mailoutbox == []
        run()
    assert len(to_organisers(mailoutbox)) == 2
    world.project.refresh_from_db()
    assert world.project.submission_digest_at is not None


def test_daily_list_in_the_organisers_language(client, daily, mailoutbox):
    world = daily
    world.admin.language = "lv"
    world.admin.save(update_fields=["language"])
    with at(MONDAY, 14):
        submit(client, world.participant, world.participant_user)
    with at(MONDAY, 20):
        run()

    by_address = {mail.to[0]: mail for mail in to_organisers(mailoutbox)}
    assert by_address["admin@example.org"].extra_headers["Content-Language"] == "lv"
    assert '<html lang="lv">' in html_of(by_address["admin@example.org"])
    assert by_address["editor@example.org"].extra_headers["Content-Language"] == "en"


# The setting on the project's form


def test_organiser_chooses_the_setting(client, world):
    client.force_login(world.editor)
    url = reverse("projects:edit", args=[world.project.code])
    page = client.get(url).content.decode()
    assert "E-mails about submissions" in page
    assert re.search(r'value="each"[^>]*checked', page)

    response = client.post(url, {**PROJECT_DATA, "submission_notices": "daily"})

    assert response.status_code == 302
    world.project.refresh_from_db()
    assert world.project.submission_notices == SubmissionNotices.DAILY


def test_a_form_without_the_setting_keeps_it(client, world):
    set_notices(world.project, SubmissionNotices.OFF)
    client.force_login(world.editor)

    client.post(reverse("projects:edit", args=[world.project.code]), PROJECT_DATA)

    world.project.refresh_from_db()
    assert world.project.title == "Green Valmiera"
    assert world.project.submission_notices == SubmissionNotices.OFF


def test_an_unknown_setting_is_refused(client, world):
    client.force_login(world.editor)

    response = client.post(
        reverse("projects:edit", args=[world.project.code]),
        {**PROJECT_DATA, "submission_notices": "hourly"},
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    world.project.refresh_from_db()
    assert world.project.title == "Voices of the Baltic"
    assert world.project.submission_notices == SubmissionNotices.EACH


# An organiser's own choice


def test_an_organiser_turns_the_e_mails_off_on_their_account_page(client, world, mailoutbox):
    client.force_login(world.editor)
    page = client.get(reverse("me")).content.decode()
    assert "E-mail me when participants submit for review" in page

    response = client.post(reverse("me"), {}, follow=True)

    assert "You get no more e-mails about submissions." in response.content.decode()
    world.editor.refresh_from_db()
    assert world.editor.submission_notices is False
    submit(client, world.participant, world.participant_user)
    assert [mail.to for mail in mailoutbox] == [["admin@example.org"]]

    client.force_login(world.editor)
    client.post(reverse("me"), {"submission_notices": "on"})
    world.editor.refresh_from_db()
    assert world.editor.submission_notices is True


def test_the_daily_list_leaves_out_who_turned_it_off(client, daily, mailoutbox):
    world = daily
    world.admin.submission_notices = False
    world.admin.save(update_fields=["submission_notices"])
    with at(MONDAY, 14):
        submit(client, world.participant, world.participant_user)
    with at(MONDAY, 20):
        run()

    assert [mail.to for mail in mailoutbox] == [["editor@example.org"]]


def test_only_organisers_are_asked(client, world):
    client.force_login(world.participant_user)

    page = client.get(reverse("me")).content.decode()
    client.post(reverse("me"), {})

    assert "E-mails about submissions" not in page
    world.participant_user.refresh_from_db()
    assert world.participant_user.submission_notices is True
