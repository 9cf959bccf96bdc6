"""A participant may share the self-assessment with their support persons, so that a
supervisor can read it while writing the assessment."""

import pytest
from django.urls import reverse

from participants.models import Participant
from projects.formats import Format
from tests.conftest import write_outcomes

TEXT = "Es vadīju radio raidījumu un iemācījos runāt skaidri."
SECTION = "Pieskatīju bērnus rīta nodarbībās."


@pytest.fixture
def written(support):
    write_outcomes(support.participant, {"multilingual": TEXT})
    return support


def _share(client, world, share):
    client.force_login(world.participant_user)
    return client.post(
        reverse("support:share_self_assessment", args=[world.participant.code]),
        {"share": "yes" if share else "no"},
    )


def _assessment_page(client, world):
    client.force_login(world.supervisor_user)
    return client.get(reverse("support:assessment", args=[world.participant.code]))


def test_unshared_the_supervisor_reads_none_of_it(client, written):
    page = _assessment_page(client, written).content.decode()
    assert TEXT not in page
    assert "has not shared the self-assessment with you" in page


def test_shared_the_supervisor_reads_it_beside_the_assessment(client, written):
    response = _share(client, written, True)
    assert response.status_code == 302
    assert Participant.objects.get(pk=written.participant.pk).self_assessment_shared
    page = _assessment_page(client, written).content.decode()
    assert TEXT in page
    assert "Read Līga’s self-assessment" in page


def test_mentors_read_it_on_the_participants_page(client, written):
    _share(client, written, True)
    client.force_login(written.mentor_user)
    page = client.get(reverse("support:participant", args=[written.participant.code]))
    assert TEXT in page.content.decode()


def test_the_formats_sections_are_shared_too(client, written):
    written.project.format = Format.VOLUNTEERING
    written.project.save()
    Participant.objects.filter(pk=written.participant.pk).update(tasks=SECTION)
    _share(client, written, True)
    assert SECTION in _assessment_page(client, written).content.decode()


def test_stopping_hides_it_again(client, written):
    _share(client, written, True)
    _share(client, written, False)
    assert not Participant.objects.get(pk=written.participant.pk).self_assessment_shared
    assert TEXT not in _assessment_page(client, written).content.decode()


def test_support_persons_of_other_participants_never_read_it(client, written):
    _share(client, written, True)
    client.force_login(written.unassigned_user)
    response = client.get(reverse("support:participant", args=[written.participant.code]))
    assert response.status_code == 404


def test_the_participant_sees_whether_it_is_shared(client, written):
    _share(client, written, True)
    page = client.get(reverse("support:my_support", args=[written.participant.code]))
    assert "Stop sharing" in page.content.decode()


def test_deleting_the_account_stops_sharing(written):
    participant = written.participant
    Participant.objects.filter(pk=participant.pk).update(self_assessment_shared=True)
    participant.refresh_from_db()
    participant.erase()
    participant.refresh_from_db()
    assert not participant.self_assessment_shared


def test_sharing_tells_the_support_persons_once(client, written, mailoutbox):
    _share(client, written, True)
    _share(client, written, True)
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == ["mentor@example.org", "supervisor@example.org"]
    message = mailoutbox[0]
    assert "shared their self-assessment" in message.subject
    assert f"/support/participants/{written.participant.code}/#self-assessment" in message.body
    assert TEXT not in message.body


def test_stopping_tells_nobody(client, written, mailoutbox):
    _share(client, written, True)
    mailoutbox.clear()
    _share(client, written, False)
    assert mailoutbox == []
