import pytest
from django.urls import reverse

from audit.models import AuditEvent
from certificates.models import Certificate, NotReadyToIssue
from jobs.models import Job, JobItem
from participants.models import ParticipantState
from projects.models import Missing


@pytest.fixture
def unready(world):
    """The world's organisation without its address and signatory."""
    organisation = world.organisation
    organisation.street = ""
    organisation.signatory_name = "  "
    organisation.save()
    return organisation


def test_what_is_missing(world):
    organisation = world.organisation
    assert organisation.missing_for_issue() == []

    organisation.town = ""
    assert organisation.missing_for_issue() == [Missing.ADDRESS]

    organisation.town = "Rēzekne"
    organisation.country = ""
    organisation.signatory_name = ""
    assert organisation.missing_for_issue() == [Missing.ADDRESS, Missing.SIGNATORY]

    organisation.country = "LV"
    assert organisation.missing_for_issue() == [Missing.SIGNATORY]


def test_single_issue_is_refused_with_a_message(client, world, approved_participant, unready):
    client.force_login(world.admin)
    manage = reverse("participants:manage", args=[world.project.code, approved_participant.code])
    page = client.get(manage).content.decode()
    assert "Certificates cannot be issued yet" in page
    assert reverse("projects:organisation", args=[unready.code]) in page
    assert (
        reverse("certificates:issue", args=[world.project.code, approved_participant.code])
        not in page
    )

    response = client.post(
        reverse("certificates:issue", args=[world.project.code, approved_participant.code]),
        {"languages": ["en"], "signature": "printed"},
        follow=True,
    )

    content = response.content.decode()
    assert "Certificates cannot be issued yet" in content
    assert "the organisation’s address (street, town and country)" in content
    assert "the signatory: the legal representative or responsible person" in content
    assert "Nothing was issued." in content
    assert not Certificate.objects.exists()
    approved_participant.refresh_from_db()
    assert approved_participant.state == ParticipantState.APPROVED


def test_the_model_issues_nothing_either(world, approved_participant, unready):
    with pytest.raises(NotReadyToIssue) as refusal:
        Certificate.issue(approved_participant, world.editor, ["en", "lv"])

    assert refusal.value.missing == [Missing.ADDRESS, Missing.SIGNATORY]
    assert not Certificate.objects.exists()
    assert not AuditEvent.objects.filter(action="certificate_issued").exists()


def test_replacing_is_refused_too(client, world, approved_participant):
    certificate = Certificate.issue_for(approved_participant, world.editor, "en")
    world.organisation.signatory_name = ""
    world.organisation.save()
    client.force_login(world.editor)

    response = client.post(
        reverse(
            "certificates:replace",
            args=[world.project.code, approved_participant.code, certificate.certificate_id],
        ),
        {"reason": "Typo in the name"},
        follow=True,
    )

    assert "Certificates cannot be issued yet" in response.content.decode()
    assert Certificate.objects.get() == certificate
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_a_background_job_issues_nothing_once_the_details_are_gone(world, approved_participant):
    job, _started = Job.start(
        world.project, Job.Kind.ISSUE, [approved_participant], by=world.editor, enqueue=False
    )
    world.organisation.street = ""
    world.organisation.save()

    job.work()

    item = job.items.get()
    assert item.state == JobItem.State.FAILED
    assert "Certificates cannot be issued yet" in item.error
    assert not Certificate.objects.exists()
