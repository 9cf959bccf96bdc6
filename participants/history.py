"""The review loop as people read it: each submission, what changed since the one before,
and the reviewers' comments next to the sections they are about."""

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from django.utils.safestring import SafeString

from participants.competences import KEY_COMPETENCES, YOUTH_WORKER_COMPETENCES
from participants.frameworks import ALL_SECTIONS
from participants.models import Participant, Review, ReviewComment, Submission
from youthpass_site.lib.textdiff import word_diff


class Change:
    """How a section's text compares with the submission before."""

    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REMOVED = "removed"


def section_titles(participant: Participant) -> dict[str, str]:
    """Every section key a text or a comment may carry, with its title, in printed order.

    The project's framework and format come first; keys of another framework stay readable
    in case the project's format changed after a submission.
    """
    titles = {competence.key: competence.name for competence in participant.framework.competences}
    titles.update((section.key, section.title) for section in participant.sections)
    for competence in (*KEY_COMPETENCES, *YOUTH_WORKER_COMPETENCES):
        titles.setdefault(competence.key, competence.name)
    for section in ALL_SECTIONS:
        titles.setdefault(section.key, section.title)
    return titles


def submitted_texts(submission: Submission | None) -> dict[str, str]:
    """The texts of a submission by section key, competences and format sections alike."""
    if submission is None:
        return {}
    content = submission.content or {}
    return {**content.get("outcomes", {}), **content.get("sections", {})}


def compare(old: str | None, new: str | None) -> tuple[str, SafeString | None]:
    """(change, marked-up text) of one section between two submissions."""
    if old is None:
        return Change.NEW, None
    if new is None:
        return Change.REMOVED, word_diff(old, "")
    if old == new:
        return Change.UNCHANGED, None
    return Change.CHANGED, word_diff(old, new)


@dataclass
class SectionVersion:
    """One section as it stood in one submission."""

    key: str
    title: str
    text: str
    change: str | None = None  # None in the first submission: nothing to compare with
    diff: SafeString | None = None
    comments: list[ReviewComment] = dataclasses.field(default_factory=list)


@dataclass
class Round:
    """A submission and the review(s) it received."""

    submission: Submission
    previous_number: int | None
    sections: list[SectionVersion]
    reviews: list[Review]

    @property
    def changed_count(self) -> int:
        return sum(
            section.change in (Change.NEW, Change.CHANGED, Change.REMOVED)
            for section in self.sections
        )


def _ordered(keys, titles: dict[str, str]) -> list[str]:
    order = {key: index for index, key in enumerate(titles)}
    return sorted(keys, key=lambda key: (order.get(key, len(order)), key))


def review_history(participant: Participant) -> tuple[list[Round], list[Review]]:
    """The rounds of the review loop, newest first, in a fixed number of queries.

    Also returns the reviews that belong to no stored submission (made before
    submissions were kept), so that none of them disappears from the history; their
    comments carry the title of their section as `section_title`. Every review carries its
    comments as `section_comments`.
    """
    titles = section_titles(participant)
    submissions = list(participant.submissions.order_by("number"))
    reviews_of = defaultdict(list)
    comments_of = defaultdict(list)
    # Not prefetched: a plain query runs whether or not there are reviews yet, which keeps
    # the page at one number of queries for every participant.
    for comment in ReviewComment.objects.filter(review__participant=participant):
        comments_of[comment.review_id].append(comment)
    for review in participant.reviews.select_related("by").order_by("created_at"):
        review.section_comments = comments_of[review.pk]
        reviews_of[review.submission_id].append(review)

    rounds = []
    previous = None
    for submission in submissions:
        texts = submitted_texts(submission)
        before = submitted_texts(previous) if previous else None
        comments = defaultdict(list)
        for review in reviews_of[submission.pk]:
            for comment in review.section_comments:
                comments[comment.section].append(comment)
        keys = set(texts) | set(before or ()) | set(comments)
        sections = []
        for key in _ordered(keys, titles):
            section = SectionVersion(
                key, titles.get(key, key), texts.get(key, ""), comments=comments[key]
            )
            if before is not None:
                section.change, section.diff = compare(before.get(key), texts.get(key))
            sections.append(section)
        rounds.append(
            Round(
                submission,
                previous.number if previous else None,
                sections,
                reviews_of[submission.pk],
            )
        )
        previous = submission
    rounds.reverse()
    for review in reviews_of[None]:
        for comment in review.section_comments:
            comment.section_title = titles.get(comment.section, comment.section)
    return rounds, reviews_of[None]


@dataclass
class ReviewRow:
    """One section on the organiser's review form: the text, what changed, a comment box."""

    key: str
    title: str
    text: str
    field: object = None
    change: str | None = None
    diff: SafeString | None = None
    earlier_comments: list[ReviewComment] = dataclasses.field(default_factory=list)


def review_rows(
    participant: Participant,
    outcomes,
    sections,
    form=None,
    previous: Submission | None = None,
    last_comments=(),
) -> list[ReviewRow]:
    """The participant's filled sections for the manage page, each with the comments of
    the last review on it.

    While a review is open each row also carries its comment field and, from the second
    submission on, what changed since `previous`.
    """
    rows = [
        ReviewRow(competence.key, competence.name, outcome.text) for competence, outcome in outcomes
    ] + [ReviewRow(section.key, section.title, text) for section, text in sections]
    earlier = defaultdict(list)
    for comment in last_comments:
        earlier[comment.section].append(comment)
    for row in rows:
        row.earlier_comments = earlier[row.key]
    if form is None:
        return rows
    before = submitted_texts(previous) if previous else None
    for row in rows:
        row.field = form.section_field(row.key)
        if before is not None:
            row.change, row.diff = compare(before.get(row.key), row.text)
    if before is not None:
        # A section emptied since the last round: the reviewer should see what went.
        titles = section_titles(participant)
        filled = {row.key for row in rows}
        for key in _ordered(set(before) - filled, titles):
            change, diff = compare(before[key], None)
            rows.append(ReviewRow(key, titles.get(key, key), "", change=change, diff=diff))
    return rows


def review_summary(participant: Participant) -> dict:
    """The latest submission and review, for the history in short on the manage page."""
    latest = list(participant.submissions.order_by("-number")[:2])
    reviews = participant.reviews.select_related("by", "submission")
    # A query of its own, run even before the first review, so that the page makes the
    # same number of queries in every round.
    last_comments = list(ReviewComment.objects.filter(review__in=reviews.values("pk")[:1]))
    return {
        "latest_submission": latest[0] if latest else None,
        "previous_submission": latest[1] if len(latest) > 1 else None,
        "last_review": reviews.first(),
        "last_comments": last_comments,
    }
