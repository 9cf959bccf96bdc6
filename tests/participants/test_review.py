import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from participants.models import ParticipantState, Review, ReviewComment, Submission, TransitionError
from projects.formats import Format
from tests.conftest import write_outcomes

DIGITAL = "I learned to edit audio."
MULTILINGUAL = "I ordered food in Estonian."


@pytest.fixture
def submitted(world):
    write_outcomes(world.participant, {"digital": DIGITAL, "multilingual": MULTILINGUAL})
    world.participant.submit()
    return world.participant


def manage_url(world, name="manage"):
    return reverse(f"participants:{name}", args=[world.project.code, world.participant.code])


def review(client, world, **data):
    return client.post(manage_url(world, "review"), data, follow=True)


def section_html(page, key):
    """The <section> of one competence or format section on the manage page."""
    match = re.search(
        rf'<section[^>]*aria-labelledby="outcome-{key}".*?</section>', page, flags=re.S
    )
    assert match, f"no section {key}"
    return match[0]


def resubmit(participant, by, texts, comment="Again, please.", section_comments=None):
    participant.return_for_changes(by, comment, section_comments)
    write_outcomes(participant, texts)
    return participant.submit()


# The review form


def test_organiser_reviews_section_by_section(client, world, submitted):
    client.force_login(world.editor)
    page = client.get(manage_url(world)).content.decode()

    digital = section_html(page, "digital")
    assert "Digital competence" in digital
    assert DIGITAL in digital
    assert 'name="section_digital"' in digital
    assert "Your comment on this section" in digital
    assert 'for="id_section_digital"' in digital
    assert 'name="section_multilingual"' in section_html(page, "multilingual")
    # Only the filled sections get a comment box.
    assert 'name="section_literacy"' not in page
    assert 'name="comment"' in page
    assert "Save decision" in page


def test_no_review_form_before_submission_or_after_the_decision(client, world, submitted):
    submitted.approve(world.admin)
    client.force_login(world.editor)
    page = client.get(manage_url(world)).content.decode()
    assert DIGITAL in page
    assert 'name="section_digital"' not in page
    assert "Save decision" not in page


def test_approve(client, world, submitted):
    client.force_login(world.editor)
    response = review(client, world, decision="approve")
    assert "Self-assessment approved." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.APPROVED
    assert submitted.approved_at is not None
    decision = Review.objects.get()
    assert decision.by == world.editor
    assert decision.decision == Review.Decision.APPROVED
    assert decision.submission == Submission.objects.get()
    assert not decision.comments.exists()


def test_approve_may_carry_comments(client, world, submitted):
    client.force_login(world.editor)
    review(
        client,
        world,
        decision="approve",
        comment="  Well done.  ",
        section_digital="Nice detail about the software.",
    )
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.APPROVED
    decision = Review.objects.get()
    assert decision.comment == "Well done."
    assert list(decision.comments.values_list("section", "text")) == [
        ("digital", "Nice detail about the software.")
    ]


def test_return_with_comments_on_sections_only(client, world, submitted):
    client.force_login(world.editor)
    response = review(
        client,
        world,
        decision="return",
        section_digital="  Which programme did you use?  ",
        section_multilingual="   ",
    )
    assert "Returned to Līga Kalniņa with your comment." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.RETURNED
    decision = Review.objects.get()
    assert decision.decision == Review.Decision.RETURNED
    assert decision.comment == ""
    assert list(decision.comments.values_list("section", "text")) == [
        ("digital", "Which programme did you use?")
    ]


def test_return_with_a_general_comment_only(client, world, submitted):
    client.force_login(world.editor)
    review(client, world, decision="return", comment="Please add an example.")
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.RETURNED
    assert Review.objects.get().comment == "Please add an example."
    assert not ReviewComment.objects.exists()


@pytest.mark.parametrize(
    "comments",
    [
        {},
        {"comment": "   ", "section_digital": "  \n "},
        # A section the participant did not fill in has no comment box; it does not count.
        {"section_literacy": "Write about reading."},
    ],
)
def test_returning_needs_a_comment(client, world, submitted, comments):
    client.force_login(world.editor)
    response = review(client, world, decision="return", **comments)
    page = response.content.decode()
    assert "Nothing was saved." in page
    assert "write a general comment or a comment on at least one section" in page
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.SUBMITTED
    assert not Review.objects.exists()
    assert not ReviewComment.objects.exists()


def test_a_refused_review_keeps_what_was_typed(client, world, submitted):
    client.force_login(world.editor)
    response = review(
        client, world, comment="General thoughts & more", section_digital="Say which software."
    )
    page = response.content.decode()
    assert "Choose whether to approve or to return." in page
    assert "General thoughts &amp; more</textarea>" in page
    assert "Say which software.</textarea>" in section_html(page, "digital")
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.SUBMITTED
    assert not Review.objects.exists()


def test_overlong_section_comment_is_refused(client, world, submitted):
    client.force_login(world.editor)
    page = review(client, world, decision="return", section_digital="x" * 2001).content.decode()
    assert "Ensure this value has at most 2000 characters" in page
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.SUBMITTED
    assert not Review.objects.exists()


def test_format_sections_get_comments_too(client, world):
    world.project.format = Format.VOLUNTEERING
    world.project.save()
    participant = world.participant
    participant.tasks = "I ran the youth café."
    participant.save()
    write_outcomes(participant, {"digital": DIGITAL})
    participant.submit()
    client.force_login(world.editor)

    page = client.get(manage_url(world)).content.decode()
    assert 'name="section_tasks"' in section_html(page, "tasks")
    assert 'name="section_training_activities"' not in page

    review(client, world, decision="return", section_tasks="How often?")
    assert ReviewComment.objects.get().section == "tasks"


def test_cannot_review_what_was_not_submitted(client, world):
    client.force_login(world.editor)
    response = review(client, world, decision="approve")
    assert "Only a submitted self-assessment can be reviewed." in response.content.decode()
    world.participant.refresh_from_db()
    assert world.participant.state == ParticipantState.ACTIVE
    assert not Review.objects.exists()


def test_a_second_decision_is_refused(client, world, submitted):
    client.force_login(world.editor)
    review(client, world, decision="approve")
    response = review(client, world, decision="return", comment="Too late.")
    assert "Only a submitted self-assessment can be reviewed." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.APPROVED
    assert Review.objects.count() == 1


def test_bad_decision_changes_nothing(client, world, submitted):
    client.force_login(world.editor)
    client.post(manage_url(world, "review"), {"decision": "delete-everything"})
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.SUBMITTED
    assert not Review.objects.exists()


def test_cannot_issue_before_approval(client, world, submitted):
    client.force_login(world.editor)
    url = reverse("certificates:issue", args=[world.project.code, world.participant.code])
    response = client.post(url, {"language": "en"}, follow=True)
    assert "only after approval" in response.content.decode()
    assert not submitted.certificates.exists()


# A resubmission


def test_resubmission_shows_what_changed_and_the_earlier_comments(client, world, submitted):
    resubmit(
        submitted,
        world.admin,
        {"digital": "I learned to edit audio with Audacity."},
        section_comments={"digital": "Which programme?"},
    )
    client.force_login(world.editor)
    page = client.get(manage_url(world)).content.decode()

    digital = section_html(page, "digital")
    assert "Changed" in digital
    assert "I learned to edit audio with Audacity." in digital
    assert "audio <ins" in digital
    assert ">with Audacity</ins>." in digital
    assert "<del" not in digital
    assert "Comment on submission 1" in digital
    assert "Which programme?" in digital
    multilingual = section_html(page, "multilingual")
    assert "Unchanged" in multilingual
    assert "<ins" not in multilingual
    assert "Submission 2," in page


def test_a_section_emptied_since_the_last_submission_is_shown_as_removed(client, world, submitted):
    resubmit(submitted, world.admin, {"multilingual": ""})
    client.force_login(world.editor)
    page = client.get(manage_url(world)).content.decode()
    multilingual = section_html(page, "multilingual")
    assert "Removed" in multilingual
    assert f">{MULTILINGUAL}</del>" in multilingual
    assert 'name="section_multilingual"' not in page


def test_while_returned_the_comments_stay_beside_the_texts(client, world, submitted):
    submitted.return_for_changes(world.editor, "", {"digital": "Which programme?"})
    client.force_login(world.admin)
    page = client.get(manage_url(world)).content.decode()
    digital = section_html(page, "digital")
    assert "Comment on submission 1" in digital
    assert "Which programme?" in digital
    assert "Which programme?" not in section_html(page, "multilingual")
    assert 'name="section_digital"' not in page


# The history in short


def test_manage_page_shows_the_history_in_short(client, world, submitted):
    resubmit(submitted, world.editor, {"digital": "Longer."}, comment="Say more, please.")
    client.force_login(world.admin)
    page = client.get(manage_url(world)).content.decode()
    assert "Latest: submission 2," in page
    assert "Returned for changes" in page
    assert "by Edgars Ozols" in page
    assert "Say more, please." in page
    history = reverse(
        "participants:manage_history", args=[world.project.code, world.participant.code]
    )
    assert f'href="{history}"' in page


def test_manage_page_before_any_submission(client, world):
    client.force_login(world.admin)
    page = client.get(manage_url(world)).content.decode()
    assert "Nothing has been submitted for review yet." in page
    assert "history/" not in page


def test_manage_page_queries_do_not_grow_with_the_rounds(client, world, submitted):
    client.force_login(world.editor)
    with CaptureQueriesContext(connection) as one:
        assert client.get(manage_url(world)).status_code == 200
    for round_number in range(2, 6):
        resubmit(
            submitted,
            world.admin,
            {"digital": f"Round {round_number}."},
            section_comments={"digital": f"Comment {round_number}", "multilingual": "More."},
        )
    assert submitted.submissions.count() == 5
    with CaptureQueriesContext(connection) as five:
        page = client.get(manage_url(world)).content.decode()
    assert "Latest: submission 5," in page
    assert len(five) == len(one)


# Access


@pytest.mark.parametrize("name", ["invite", "review"])
def test_actions_are_post_only(client, world, name):
    client.force_login(world.admin)
    assert client.get(manage_url(world, name)).status_code == 405


@pytest.mark.parametrize("name", ["manage", "invite", "review"])
def test_roles_on_organiser_participant_pages(client, world, submitted, name):
    method = client.get if name == "manage" else client.post
    data = {} if name == "manage" else {"decision": "approve"}
    client.force_login(world.participant_user)
    assert method(manage_url(world, name), data).status_code == 403
    client.force_login(world.outsider)
    assert method(manage_url(world, name), data).status_code == 404
    client.logout()
    assert method(manage_url(world, name), data).url.startswith(reverse("login"))
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.SUBMITTED
    assert not Review.objects.exists()


def test_both_organiser_roles_may_review(client, world, submitted):
    client.force_login(world.admin)
    review(client, world, decision="approve")
    assert Review.objects.get().by == world.admin


def test_participant_of_another_project_is_not_found(client, world):
    client.force_login(world.admin)
    url = reverse("participants:manage", args=[world.other_project.code, world.participant.code])
    assert client.get(url).status_code == 404


def test_a_decision_on_a_stale_copy_is_refused(world, submitted):
    stale = type(submitted).objects.get(pk=submitted.pk)
    submitted.approve(by=world.admin)
    with pytest.raises(TransitionError):
        stale.return_for_changes(by=world.editor, comment="Too late")
    submitted.refresh_from_db()
    assert submitted.state == ParticipantState.APPROVED
    assert submitted.reviews.count() == 1


def test_steps_page_points_to_comments_on_sections(client, world, submitted):
    submitted.return_for_changes(
        by=world.admin, comment="", section_comments={"digital": "Name the software."}
    )
    client.force_login(world.participant_user)
    page = client.get(reverse("participants:detail", args=[submitted.code])).content.decode()
    assert "returned your self-assessment for changes" in page
    assert "comments on single sections are shown beside your texts" in page
    assert reverse("participants:outcomes", args=[submitted.code]) in page


def test_texts_too_different_to_compare_cheaply_are_shown_as_rewritten(client, world):
    write_outcomes(world.participant, {"digital": "a " * 2000})
    world.participant.submit()
    resubmit(world.participant, world.admin, {"digital": "a b " * 1000})
    client.force_login(world.editor)

    page = client.get(manage_url(world)).content.decode()

    digital = section_html(page, "digital")
    assert "Changed" in digital
    assert (
        'a <del class="bg-danger-subtle text-danger-emphasis">' + ("a " * 1999).strip() + "</del>"
    ) in digital
    assert ('<ins class="bg-success-subtle text-success-emphasis">' + "b a " * 999 + "b</ins>") in (
        digital
    )


def test_the_returned_banner_links_to_each_commented_section(client, world, submitted):
    submitted.return_for_changes(
        world.editor, "", {"multilingual": "An example?", "digital": "Which programme?"}
    )
    client.force_login(world.participant_user)
    page = client.get(reverse("participants:detail", args=[submitted.code])).text
    banner = page[page.index("returned your self-assessment for changes") :]
    banner = banner[: banner.index("</div>")]
    texts = reverse("participants:outcomes", args=[submitted.code])
    links = re.findall(r'<a href="([^"]+)" class="alert-link">([^<]+)</a>', banner)
    # In the framework's order, each to its text; the general link after them.
    assert links[:2] == [
        (f"{texts}#heading-multilingual", "Multilingual competence"),
        (f"{texts}#heading-digital", "Digital competence"),
    ]
    assert (texts, "Open your texts") in links


def test_without_section_comments_the_banner_lists_none(client, world, submitted):
    submitted.return_for_changes(world.editor, "Please say more.")
    client.force_login(world.participant_user)
    page = client.get(reverse("participants:detail", args=[submitted.code])).text
    assert "They commented on:" not in page
    assert "Please say more." in page
