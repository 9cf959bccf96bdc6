import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from certificates.models import Certificate
from participants import emails
from participants.models import ParticipantState
from tests.conftest import write_outcomes
from tests.participants.conftest import manage_url, my_url

SITE = "https://youthpass.test"  # SITE_URL of the test settings


@pytest.fixture
def submitted(world):
    write_outcomes(
        world.participant, {"digital": "I learned to edit audio.", "literacy": "I wrote."}
    )
    world.participant.submit()
    return world.participant


def review(client, world, **data):
    client.force_login(world.editor)
    response = client.post(manage_url(world.participant, "review"), data)
    assert response.status_code == 302
    return response


def links(text):
    return re.findall(r"https?://\S+", text)


def only_mail(mailoutbox):
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    return mail, html


# Returned


def test_returned_mail_has_the_comment_and_leads_to_it(client, world, submitted, mailoutbox):
    review(
        client,
        world,
        decision="return",
        comment="Please add an example.",
        section_digital="Which programme?",
        section_literacy="What did you write?",
    )

    mail, html = only_mail(mailoutbox)
    assert mail.to == ["participant@example.org"]
    assert mail.subject == "Returned for changes: your self-assessment for “Voices of the Baltic”"
    assert "Hello Līga," in mail.body
    assert "Jauniešu centrs Ģēnijs read your self-assessment" in mail.body
    assert "Please add an example." in mail.body
    assert "There are 2 comments on sections of your self-assessment." in mail.body
    # The section comments themselves wait on the site, beside the texts.
    assert "Which programme?" not in mail.body
    assert "Please add an example." in html
    assert "There are 2 comments on sections" in html

    (link,) = links(mail.body)
    assert link == SITE + my_url(submitted, "detail")
    assert f'href="{link}"' in html
    client.force_login(world.participant_user)
    page = client.get(link.removeprefix(SITE)).content.decode()
    assert "Please add an example." in page
    assert "Returned for changes" in page


def test_returned_with_section_comments_only(client, world, submitted, mailoutbox):
    review(client, world, decision="return", section_digital="Which programme?")
    mail, html = only_mail(mailoutbox)
    assert "General comment" not in mail.body
    assert "There is 1 comment on a section of your self-assessment." in mail.body
    assert "There is 1 comment on a section" in html


def test_returned_without_section_comments(client, world, submitted, mailoutbox):
    review(client, world, decision="return", comment="Please add an example.")
    mail, _html = only_mail(mailoutbox)
    assert "comment on a section" not in mail.body
    assert "comments on sections" not in mail.body


def test_no_mail_when_the_review_is_refused(client, world, submitted, mailoutbox):
    client.force_login(world.editor)
    response = client.post(manage_url(submitted, "review"), {"decision": "return"})
    assert response.status_code == 200
    assert mailoutbox == []


def test_the_comment_is_escaped_in_the_html_mail(client, world, submitted, mailoutbox):
    review(client, world, decision="return", comment="Use <b>bold</b> & examples")
    mail, html = only_mail(mailoutbox)
    assert "Use <b>bold</b> & examples" in mail.body
    assert "Use &lt;b&gt;bold&lt;/b&gt; &amp; examples" in html


# Approved


def test_approved_mail_leads_to_the_participants_page(client, world, submitted, mailoutbox):
    review(client, world, decision="approve")

    mail, html = only_mail(mailoutbox)
    assert mail.to == ["participant@example.org"]
    assert mail.subject == "Approved: your self-assessment for “Voices of the Baltic”"
    assert "Jauniešu centrs Ģēnijs approved your self-assessment" in mail.body
    assert "General comment" not in mail.body
    (link,) = links(mail.body)
    assert f'href="{link}"' in html
    client.force_login(world.participant_user)
    page = client.get(link.removeprefix(SITE)).content.decode()
    assert "Approved" in page
    assert "Voices of the Baltic" in page


def test_approved_with_comments_leads_to_the_history(client, world, submitted, mailoutbox):
    review(
        client,
        world,
        decision="approve",
        comment="Well done.",
        section_digital="Great detail about the software.",
    )

    mail, html = only_mail(mailoutbox)
    assert "Well done." in mail.body
    assert "The organisers also left 1 comment on a section" in mail.body
    history_link, page_link = links(mail.body)
    assert page_link == SITE + my_url(submitted, "detail")
    assert history_link == SITE + my_url(submitted, "history")
    assert f'href="{history_link}"' in html
    client.force_login(world.participant_user)
    page = client.get(history_link.removeprefix(SITE)).content.decode()
    assert "Great detail about the software." in page
    assert "Well done." in page


# Whom and in which language


def test_no_mail_for_a_participant_without_an_account(client, world, submitted, mailoutbox):
    submitted.user = None
    submitted.save(update_fields=["user"])
    review(client, world, decision="return", comment="Please add an example.")
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.RETURNED
    assert mailoutbox == []


def test_mail_goes_to_the_account_address(client, world, submitted, mailoutbox):
    submitted.email = "typed.by.organiser@example.org"
    submitted.save(update_fields=["email"])
    review(client, world, decision="approve")
    mail, _html = only_mail(mailoutbox)
    assert mail.to == ["participant@example.org"]


def subject_in(language, name, **context):
    with translation.override(language):
        return render_to_string(f"emails/{name}-subject.txt", context).strip()


def test_returned_mail_in_latvian(client, world, submitted, mailoutbox):
    world.participant_user.language = "lv"
    world.participant_user.save(update_fields=["language"])
    # The organiser's own language does not decide the participant's e-mail.
    client.cookies["django_language"] = "en"

    review(client, world, decision="return", comment="Lūdzu, papildini.")

    mail, html = only_mail(mailoutbox)
    assert mail.subject.startswith("Atgriezts labošanai")
    assert "Sveiki, Līga!" in mail.body
    assert "Sveiki, Līga!" in html
    assert "Lūdzu, papildini." in mail.body
    review_row = submitted.reviews.get()
    context = {"review": review_row, "project": world.project}
    assert mail.subject == subject_in("lv", "review-returned", **context)
    assert mail.subject != subject_in("en", "review-returned", **context)


def test_approved_mail_in_latvian(client, world, submitted, mailoutbox):
    world.participant_user.language = "lv"
    world.participant_user.save(update_fields=["language"])
    review(client, world, decision="approve")
    mail, html = only_mail(mailoutbox)
    assert mail.subject.startswith("Apstiprināts")
    assert "Sveiki, Līga!" in mail.body


def test_the_sites_language_when_the_account_has_none(client, world, submitted, mailoutbox):
    world.participant_user.language = ""
    world.participant_user.save(update_fields=["language"])
    with translation.override("lv"):
        review(client, world, decision="approve")
    mail, _html = only_mail(mailoutbox)
    assert mail.subject.startswith("Approved")
    assert "Hello Līga," in mail.body


# Certificate ready


@pytest.fixture
def certificates(world, approved_participant):
    return [
        Certificate.issue_for(approved_participant, world.admin, language)
        for language in ("en", "lv")
    ]


def test_certificate_ready_mail_leads_to_the_pdfs(client, world, certificates, mailoutbox):
    participant = world.participant
    emails.send_certificate_ready(participant, certificates)

    mail, html = only_mail(mailoutbox)
    assert mail.to == ["participant@example.org"]
    assert mail.subject == "Your Youthpass certificates for “Voices of the Baltic” are ready"
    english, latvian = certificates
    assert f"English · {english.certificate_id}" in mail.body
    assert f"Latvian · {latvian.certificate_id}" in mail.body
    assert english.verification_url in mail.body

    download_links = [SITE + certificate.get_download_url() for certificate in certificates]
    assert all(link in links(mail.body) for link in download_links)
    client.force_login(world.participant_user)
    for link, certificate in zip(download_links, certificates, strict=True):
        assert f'href="{link}"' in html
        response = client.get(link.removeprefix(SITE))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert certificate.certificate_id in response["Content-Disposition"]
        assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert links(mail.body)[-1] == SITE + my_url(participant, "detail")
    page = client.get(my_url(participant, "detail")).content.decode()
    assert english.certificate_id in page

    # The link is no key: someone else who gets hold of the e-mail finds nothing.
    client.force_login(world.other_participant_user)
    assert client.get(download_links[0].removeprefix(SITE)).status_code == 404


def test_one_certificate_ready_in_latvian(world, certificates, mailoutbox):
    world.participant_user.language = "lv"
    world.participant_user.save(update_fields=["language"])

    emails.send_certificate_ready(world.participant, certificates[1:])

    mail, html = only_mail(mailoutbox)
    assert "Sveiki, Līga!" in mail.body
    assert f"Latviešu · {certificates[1].certificate_id}" in mail.body
    assert "Lejupielādēt PDF" in mail.body
    assert "Lejupielādēt PDF" in html


def test_no_certificate_mail_without_an_account(world, certificates, mailoutbox):
    participant = world.participant
    participant.user = None
    participant.save(update_fields=["user"])
    emails.send_certificate_ready(participant, certificates)
    assert mailoutbox == []
