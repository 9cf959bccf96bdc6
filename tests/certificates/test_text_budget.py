"""Nothing is laid out that would fill more pages than a certificate may have.

A record approved before the length check on submission, or a project description of
thousands of short lines, is refused with a clear message before WeasyPrint starts.
"""

from certificates.models import Certificate
from jobs.models import Job, JobItem
from participants.models import LearningOutcome, ParticipantState
from tests.certificates.test_issue import issue
from tests.conftest import write_outcomes

KEYS = [key for key, _name in LearningOutcome._meta.get_field("competence").choices][:8]


def test_an_approved_record_of_thousands_of_lines_is_not_issued(
    client, world, approved_participant
):
    write_outcomes(approved_participant, dict.fromkeys(KEYS, "a\n" * 2000))
    client.force_login(world.editor)
    response = issue(client, world, languages=["en", "lv"])
    assert "The certificate would be about" in response.text
    assert "Nothing was issued." in response.text
    assert not Certificate.objects.exists()
    approved_participant.refresh_from_db()
    assert approved_participant.state == ParticipantState.APPROVED


def test_the_organisers_texts_count_too(client, world, approved_participant, settings):
    world.project.description = "a\n" * 900
    world.project.save()
    settings.CERTIFICATE_MAX_PAGES = 10
    client.force_login(world.editor)
    assert "The certificate would be about" in issue(client, world).text
    assert not Certificate.objects.exists()
    # A description of the same length in prose fits.
    world.project.description = "We met in Valmiera to make radio together. " * 40
    world.project.save()
    issue(client, world)
    assert Certificate.objects.count() == 1


def test_bulk_issue_names_the_participant_whose_texts_are_too_long(world, approved_participant):
    write_outcomes(approved_participant, dict.fromkeys(KEYS, "a\n" * 2000))
    job, _started = Job.start(world.project, Job.Kind.ISSUE, [approved_participant], world.admin)
    item = job.items.get()
    assert item.state == JobItem.State.FAILED
    assert item.error.startswith("The certificate would be about")
    assert not Certificate.objects.exists()
