"""The supervisor's assessment: written by an assigned supervisor, agreed to by the participant.

Two saves from the same version never overwrite each other silently, and a changed text
needs the participant's agreement again.
"""

import pytest
from django.urls import reverse

from participants.models import ParticipantState
from projects.formats import Format
from support.models import AssessmentConflict, SupervisorAssessment
from tests.support.conftest import link_from, my_support_url, people, support_url

TEXT = "Elīza strādāja rūpīgi un patstāvīgi. She planned the podcast week on her own."


def write_url(world):
    return support_url(world.participant, "assessment")


def consent_url(world):
    return my_support_url(world.participant, "consent")


def stored(world):
    return SupervisorAssessment.objects.filter(participant=world.participant).first()


@pytest.fixture
def written(support):
    assessment, _changed = SupervisorAssessment.write(
        support.participant, support.supervisor, TEXT, 0
    )
    return assessment


# Writing


def test_supervisor_writes_the_assessment_and_the_participant_is_asked(client, support, mailoutbox):
    client.force_login(support.supervisor_user)
    page = client.get(write_url(support)).content.decode()
    assert 'name="version" value="0"' in page
    response = client.post(write_url(support), {"text": TEXT, "version": "0"})
    assert response.url == write_url(support)
    assessment = stored(support)
    assert assessment.text == TEXT
    assert assessment.author == support.supervisor
    assert assessment.written_by == "Dace Kļaviņa"
    assert assessment.version == 1
    assert not assessment.included

    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["participant@example.org"]
    assert "wrote a supervisor’s assessment" in mailoutbox[0].body
    client.force_login(support.participant_user)
    page = client.get(link_from(mailoutbox[0])).content.decode()
    assert "Elīza strādāja rūpīgi un patstāvīgi." in page
    assert "Include it on my certificate" in page


def test_the_form_carries_the_stored_version(client, support, written):
    client.force_login(support.supervisor_user)
    page = client.get(write_url(support)).content.decode()
    assert 'name="version" value="1"' in page
    assert "Elīza strādāja rūpīgi" in page


def test_a_save_from_an_older_version_keeps_both_texts(client, support, written, mailoutbox):
    # Two tabs opened at version 1; the first saves, the second then saves too.
    SupervisorAssessment.write(support.participant, support.supervisor, "Newer text.", 1)
    client.force_login(support.supervisor_user)
    response = client.post(write_url(support), {"text": "Text from the older tab.", "version": 1})
    assert response.status_code == 200
    page = response.content.decode()
    assert "changed by someone else after you opened it" in page
    assert "Newer text." in page
    assert "Text from the older tab." in page
    assert 'name="version" value="2"' in page
    assert stored(support).text == "Newer text."
    assert mailoutbox == []

    # Saving again, now knowing the stored text, replaces it.
    client.post(write_url(support), {"text": "Both, combined.", "version": 2})
    assert stored(support).text == "Both, combined."
    assert stored(support).version == 3


def test_two_first_versions_at_once_keep_both_texts(client, support, written):
    client.force_login(support.supervisor_user)
    response = client.post(write_url(support), {"text": "My own first version.", "version": 0})
    page = response.content.decode()
    assert "Elīza strādāja rūpīgi" in page
    assert "My own first version." in page
    assert stored(support).text == TEXT


def test_write_raises_conflict_for_an_older_version(support, written):
    SupervisorAssessment.write(support.participant, support.supervisor, "Second.", 1)
    with pytest.raises(AssessmentConflict) as conflict:
        SupervisorAssessment.write(support.participant, support.supervisor, "Lost?", 1)
    assert conflict.value.current.text == "Second."


def test_editing_after_agreement_withdraws_it(client, support, written, mailoutbox):
    assert written.agree(1)
    client.force_login(support.supervisor_user)
    page = client.get(write_url(support)).content.decode()
    assert "an earlier agreement is withdrawn" in page
    client.post(write_url(support), {"text": TEXT + " Changed.", "version": 1})
    assessment = stored(support)
    assert assessment.text.endswith("Changed.")
    assert not assessment.included
    assert "changed the supervisor’s assessment" in mailoutbox[0].body
    assert "that agreement is withdrawn" in mailoutbox[0].body


def test_saving_the_same_text_keeps_the_agreement(client, support, written, mailoutbox):
    written.agree(1)
    client.force_login(support.supervisor_user)
    client.post(write_url(support), {"text": TEXT + "\n", "version": 1})
    assert stored(support).included
    assert stored(support).version == 1
    assert mailoutbox == []


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"text": "", "version": 0}, "This field is required."),
        ({"text": "x" * 4001, "version": 0}, "at most 4000 characters"),
        ({"text": "Fine.", "version": "one"}, "This page was incomplete."),
        ({"text": "Fine."}, "This page was incomplete."),
    ],
)
def test_bad_input_is_refused(client, support, data, error):
    client.force_login(support.supervisor_user)
    response = client.post(write_url(support), data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert stored(support) is None


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("mentor", 403),
        ("participant", 403),
        ("admin", 403),
        ("editor", 403),
        ("unassigned", 404),
        ("foreign", 404),
        ("outsider", 404),
    ],
)
def test_only_an_assigned_supervisor_writes(client, support, who, status):
    client.force_login(getattr(people(support), who))
    assert client.get(write_url(support)).status_code == status
    assert client.post(write_url(support), {"text": "x", "version": 0}).status_code == status
    assert stored(support) is None


def test_writing_needs_login(client, support):
    assert client.get(write_url(support)).url.startswith(reverse("login"))


def test_traineeship_highlights_the_assessment(client, support):
    support.project.format = Format.TRAINEESHIP_JOB
    support.project.save(update_fields=["format"])
    client.force_login(support.supervisor_user)
    page = client.get(write_url(support)).content.decode()
    assert "In a traineeship or job" in page
    page = client.get(support_url(support.participant)).content.decode()
    assert "In a traineeship or job" in page


# The participant's page and agreement


def test_participant_agrees_and_withdraws(client, support, written):
    client.force_login(support.participant_user)
    page = client.get(my_support_url(support.participant)).content.decode()
    assert "Elīza strādāja rūpīgi" in page
    assert "Written by Dace Kļaviņa" in page
    assert "your agreement is withdrawn and you are asked again" in page

    client.post(consent_url(support), {"decision": "agree", "version": 1})
    assert stored(support).included
    page = client.get(my_support_url(support.participant)).content.decode()
    assert "Withdraw my agreement" in page

    client.post(consent_url(support), {"decision": "withdraw", "version": 1})
    assert not stored(support).included


def test_agreeing_to_a_text_that_changed_meanwhile_does_nothing(client, support, written):
    SupervisorAssessment.write(support.participant, support.supervisor, "Changed.", 1)
    client.force_login(support.participant_user)
    response = client.post(consent_url(support), {"decision": "agree", "version": 1}, follow=True)
    assert "Read the new text before you agree." in response.content.decode()
    assert not stored(support).included


def test_consent_is_post_only(client, support, written):
    client.force_login(support.participant_user)
    assert client.get(consent_url(support)).status_code == 405
    assert not stored(support).included


def test_consent_bad_input(client, support, written):
    client.force_login(support.participant_user)
    response = client.post(consent_url(support), {"decision": "maybe", "version": 1}, follow=True)
    assert "Choose whether to include the assessment." in response.content.decode()
    assert not stored(support).included


def test_consent_without_an_assessment_is_not_found(client, support):
    client.force_login(support.participant_user)
    assert client.post(consent_url(support), {"decision": "agree", "version": 1}).status_code == 404


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("admin", 403),
        ("editor", 403),
        ("supervisor", 404),
        ("mentor", 404),
        ("other_participant", 404),
        ("outsider", 404),
    ],
)
def test_only_the_holder_reads_and_agrees(client, support, written, who, status):
    client.force_login(getattr(people(support), who))
    assert client.get(my_support_url(support.participant)).status_code == status
    response = client.post(consent_url(support), {"decision": "agree", "version": 1})
    assert response.status_code == status
    assert not stored(support).included


def test_holder_pages_need_login(client, support):
    assert client.get(my_support_url(support.participant)).url.startswith(reverse("login"))


def test_agreement_works_whatever_the_state(client, support, written):
    support.participant.state = ParticipantState.APPROVED
    support.participant.save(update_fields=["state"])
    client.force_login(support.participant_user)
    client.post(consent_url(support), {"decision": "agree", "version": 1})
    assert stored(support).included
