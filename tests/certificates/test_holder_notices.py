"""A holder hears when their certificate is revoked or replaced, with the reason."""

from django.urls import reverse

from certificates.models import Certificate
from tests.participants.conftest import my_url

SITE = "https://youthpass.test"


def action_url(world, certificate, action):
    return reverse(
        f"certificates:{action}",
        args=[world.project.code, world.participant.code, certificate.certificate_id],
    )


def only_mail(mailoutbox):
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html"
    return mail, html


def test_revoked_holder_gets_the_reason(client, world, certificate, mailoutbox):
    mailoutbox.clear()
    client.force_login(world.editor)

    client.post(action_url(world, certificate, "revoke"), {"reason": "Did not take part <b>"})

    mail, html = only_mail(mailoutbox)
    assert mail.to == ["participant@example.org"]
    assert mail.subject == (
        f"Your Youthpass certificate {certificate.certificate_id} has been revoked"
    )
    assert "Hello Līga," in mail.body
    assert (
        f"Jauniešu centrs Ģēnijs revoked your Youthpass certificate {certificate.certificate_id} "
        "for “Voices of the Baltic”." in mail.body
    )
    assert "Did not take part <b>" in mail.body
    assert "Did not take part &lt;b&gt;" in html
    assert SITE + my_url(world.participant, "detail") in mail.body


def test_a_refused_revocation_sends_nothing(client, world, certificate, mailoutbox):
    mailoutbox.clear()
    client.force_login(world.editor)

    client.post(action_url(world, certificate, "revoke"), {"reason": " "})

    assert mailoutbox == []


def test_replaced_holder_gets_the_reason_and_the_new_certificate(
    client, world, certificate, mailoutbox
):
    mailoutbox.clear()
    client.force_login(world.editor)

    client.post(action_url(world, certificate, "replace"), {"reason": "Name misspelt"})

    new = Certificate.objects.valid().get()
    mail, html = only_mail(mailoutbox)
    assert mail.to == ["participant@example.org"]
    assert mail.subject == f"Your corrected Youthpass certificate {new.certificate_id}"
    assert (
        f"replaced your Youthpass certificate {certificate.certificate_id} for "
        f"“Voices of the Baltic” with a corrected one, {new.certificate_id}." in mail.body
    )
    assert "Name misspelt" in mail.body
    download = SITE + new.get_download_url()
    assert download in mail.body
    assert f'href="{download}"' in html
    assert new.verification_url in mail.body
    # The link downloads the new PDF for the holder.
    client.force_login(world.participant_user)
    response = client.get(download.removeprefix(SITE))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"


def test_issuing_again_with_a_reason_announces_the_replacement(
    client, world, certificate, mailoutbox
):
    mailoutbox.clear()
    client.force_login(world.editor)

    client.post(
        reverse("certificates:issue", args=[world.project.code, world.participant.code]),
        {"languages": ["en", "lv"], "signature": "printed", "reason": "Dates corrected"},
    )

    new_english = Certificate.objects.valid().get(language="en")
    new_latvian = Certificate.objects.valid().get(language="lv")
    assert len(mailoutbox) == 2
    replaced, ready = sorted(mailoutbox, key=lambda mail: "ready" in mail.subject)
    assert replaced.subject == f"Your corrected Youthpass certificate {new_english.certificate_id}"
    assert certificate.certificate_id in replaced.body
    assert "Dates corrected" in replaced.body
    # The certificate in a new language is announced as ready, as always.
    assert ready.subject == "Your Youthpass certificate for “Voices of the Baltic” is ready"
    assert new_latvian.certificate_id in ready.body
    assert new_english.certificate_id not in ready.body


def test_notices_in_the_holders_language(client, world, certificate, mailoutbox):
    world.participant_user.language = "lv"
    world.participant_user.save(update_fields=["language"])
    mailoutbox.clear()
    client.force_login(world.editor)

    client.post(action_url(world, certificate, "revoke"), {"reason": "Did not take part"})

    mail, html = only_mail(mailoutbox)
    assert mail.extra_headers["Content-Language"] == "lv"
    assert '<html lang="lv">' in html
