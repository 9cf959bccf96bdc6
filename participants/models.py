import contextlib
import re
from datetime import date

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import URLValidator, validate_email
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

import audit
from participants.competences import KEY_COMPETENCES, YOUTH_WORKER_COMPETENCES
from participants.frameworks import (
    ALL_TRAINING_EVENTS,
    Framework,
    Section,
    TrainingEvent,
    framework_for,
    sections_for,
    training_cycle_for,
)
from participants.states import ELIGIBLE, REFUSALS, Action, ParticipantState, refusal_key
from projects.models import Project
from youthpass_site.lib.codes import new_url_code
from youthpass_site.lib.collation import search_text
from youthpass_site.lib.countries import Countries
from youthpass_site.lib.invitations import InvitationBase, InvitationStateError
from youthpass_site.lib.pages import text_pages


class ParticipantRole(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    GROUP_LEADER = "group_leader", _("Group leader")
    FACILITATOR = "facilitator", _("Facilitator")


class TransitionError(Exception):
    """An action that the participant's current state does not allow."""


def validate_language_codes(value):
    known = {code for code, _name in settings.LANGUAGES}
    if not isinstance(value, list) or not all(code in known for code in value):
        raise ValidationError(_("Choose the languages from the list."), code="invalid_choice")


def validate_training_cycle(value):
    """A list of {"event": key, "date": ISO date or None}, each event once."""
    keys = {event.key for event in ALL_TRAINING_EVENTS}
    message = _("Choose the events of the training and evaluation cycle from the list.")
    if not isinstance(value, list):
        raise ValidationError(message, code="invalid_choice")
    seen = set()
    for item in value:
        if not isinstance(item, dict) or item.get("event") not in keys or item["event"] in seen:
            raise ValidationError(message, code="invalid_choice")
        seen.add(item["event"])
        try:
            if item.get("date") is not None:
                date.fromisoformat(item["date"])
        except (TypeError, ValueError):
            raise ValidationError(_("Enter a valid date."), code="invalid") from None


# An erased record keeps an address that can reach nobody: the e-mail is required and
# unique per project. Whether a record is erased is Participant.erased_at, never this.
ERASED_EMAIL = "{code}@deleted.invalid"


class ParticipantQuerySet(models.QuerySet):
    def eligible_for(self, action: str):
        """Those whom `action` is for (participants.states.ELIGIBLE)."""
        return self.filter(state__in=ELIGIBLE[action])

    def not_erased(self):
        """Leaving out those who deleted their account: their records keep only the name."""
        return self.filter(erased_at__isnull=True)

    def matching(self, words: str):
        """Those whose name or e-mail address holds each of the words, whatever the script,
        accents or case: "ΕΛΕΝΗ", "eleni" and "elenī" all find "Ελένη"."""
        participants = self
        for word in search_text(words).split():
            participants = participants.filter(search_key__contains=word)
        return participants

    def bulk_create(self, participants, *args, **kwargs):
        participants = list(participants)
        for participant in participants:
            participant.search_key = participant.searched_text()
        return super().bulk_create(participants, *args, **kwargs)


class Participant(models.Model):
    """A person taking part in a project, and the record their certificate is made from."""

    EDITABLE = (ParticipantState.ACTIVE, ParticipantState.RETURNED)
    SECTION_MAX_LENGTH = 4000
    # What the organisers' search looks in (search_key).
    SEARCHED_FIELDS = frozenset({"first_name", "last_name", "email"})

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="participants", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participations",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    # The name and e-mail address in plain lower-case letters, for the organisers' search.
    search_key = models.TextField(blank=True, editable=False)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    place_of_birth = models.CharField(_("place of birth"), max_length=100, blank=True)
    country = CountryField(_("country of residence"), blank=True, countries=Countries)
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipantRole, default=ParticipantRole.PARTICIPANT
    )
    # E-mails go out in this language until the person has an account with its own.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of e-mails sent to this participant."),
    )
    state = models.CharField(
        _("state"),
        max_length=12,
        choices=ParticipantState,
        default=ParticipantState.ADDED,
        db_index=True,
    )
    # Set by the organisers for someone who took part in only some of the project, e.g. a
    # volunteer who left early; empty means the project's own dates.
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    # The extra sections of Part 2 (participants.frameworks.ALL_SECTIONS), by their keys.
    tasks = models.TextField(_("tasks"), max_length=SECTION_MAX_LENGTH, blank=True)
    training_activities = models.TextField(
        _("training activities"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    professional_competences = models.TextField(
        _("professional competences"), max_length=SECTION_MAX_LENGTH, blank=True
    )
    # Recorded by the organisers: the events of the volunteers' training and evaluation cycle
    # (participants.frameworks.TRAINING_CYCLE_OF_FORMAT) that this volunteer took part in.
    training_cycle = models.JSONField(
        _("training and evaluation cycle"),
        default=list,
        blank=True,
        validators=[validate_training_cycle],
        help_text=_('A list of events, e.g. [{"event": "on_arrival", "date": "2026-03-04"}].'),
    )
    # Counts saves of the sections above, so that a save from an older copy is noticed.
    sections_version = models.PositiveIntegerField(default=1, editable=False)
    dialogue_partner = models.CharField(
        _("dialogue partner"),
        max_length=100,
        blank=True,
        help_text=_("The person who talked the self-assessment through with the participant."),
    )
    # The participant lets their support persons read the self-assessment (the texts above),
    # e.g. so that a supervisor can write an assessment that fits it.
    self_assessment_shared = models.BooleanField(
        _("self-assessment shared with my support persons"), default=False
    )
    requested_languages = models.JSONField(
        _("certificate languages"),
        default=list,
        blank=True,
        validators=[validate_language_codes],
        help_text=_('Language codes, e.g. ["en", "lv"].'),
    )
    # When the participant last saved their personal data: they have checked it themselves.
    personal_data_checked_at = models.DateTimeField(
        _("personal data checked"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    last_reminded_at = models.DateTimeField(_("last reminded"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    # When the person's data was erased (account deleted, or the retention period over).
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "email"], name="one_participant_per_email")
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, update_fields=None, **kwargs):
        """Saves the search key with the name and e-mail address it is made of."""
        self.search_key = self.searched_text()
        if update_fields is not None and self.SEARCHED_FIELDS & set(update_fields):
            update_fields = {*update_fields, "search_key"}
        super().save(*args, update_fields=update_fields, **kwargs)

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def searched_text(self) -> str:
        return search_text(f"{self.first_name} {self.last_name} {self.email}")

    @property
    def can_edit(self):
        return self.state in self.EDITABLE

    @property
    def is_erased(self) -> bool:
        """Whether the holder's data is gone and this record keeps only a name."""
        return self.erased_at is not None

    def erase(self, *, keep_name: bool = True) -> None:
        """Remove everything the person wrote and their personal data from this record.

        What stays is the row with the name, so that a valid certificate issued on it
        stays verifiable; with `keep_name=False` the name becomes a pseudonym too (the
        certificate's own snapshot keeps the name it was issued to). The person's texts,
        plan, journal, submissions, reviews, invitations and the supervisor's assessment
        are deleted and the link to the account and the support persons is cut; the
        birth data, country and e-mail address go. Stored files (journal photos) are
        the caller's to remove once the transaction has committed.
        """
        for related in (
            self.outcomes,
            self.evidence_links,
            self.referees,
            self.goals,
            self.journal_entries,
            self.reviews,
            self.submissions,
            self.invitations,
        ):
            related.all().delete()
        with contextlib.suppress(ObjectDoesNotExist):
            self.supervisor_assessment.delete()
        self.support_persons.clear()
        self.user = None
        self.email = ERASED_EMAIL.format(code=self.code)
        self.date_of_birth = None
        self.place_of_birth = ""
        self.country = ""
        self.tasks = self.training_activities = ""
        self.professional_competences = ""
        self.training_cycle = []
        self.dialogue_partner = ""
        self.self_assessment_shared = False
        self.requested_languages = []
        self.personal_data_checked_at = None
        if not keep_name:
            self.first_name = ""
            self.last_name = f"#{self.code}"
        if self.erased_at is None:
            self.erased_at = timezone.now()
        self.save()

    def refusal(self, action: str):
        """Why `action` is not for this participant (a message), or None if it is."""
        key = refusal_key(action, self.state)
        return REFUSALS[key] if key else None

    @property
    def may_be_issued(self) -> bool:
        """A certificate can be issued after approval, and more languages added later."""
        return self.state in (ParticipantState.APPROVED, ParticipantState.ISSUED)

    def _move(self, allowed, new_state, **fields):
        """Change state only from one of `allowed`, as the database has it right now.

        The row is locked and re-read, so that two people acting at the same moment (two
        reviewers, or a double click) cannot both move it.
        """
        with transaction.atomic():
            current = Participant.objects.select_for_update().values_list("state", flat=True)
            self.state = current.get(pk=self.pk)
            if self.state not in allowed:
                raise TransitionError(self.state)
            self.state = new_state
            for name, value in fields.items():
                setattr(self, name, value)
            self.save(update_fields=["state", *fields])

    def invite(self, by):
        """Create a fresh invitation (older links stop working) and mark the participant invited.

        Returns the invitation and the secret token for the e-mailed link; raises
        InvitationStateError for someone who has accepted already.
        """
        if self.state not in ELIGIBLE[Action.RESEND]:
            raise InvitationStateError(self.state)
        with transaction.atomic():
            invitation, token = Invitation.create_for(self, by)
            if self.state == ParticipantState.ADDED:
                try:
                    self._move([ParticipantState.ADDED], ParticipantState.INVITED)
                except TransitionError as error:
                    raise InvitationStateError(self.state) from error
        return invitation, token

    def accept(self, user):
        """Connect the invited person's account to this record; they can start writing."""
        self._move(
            [ParticipantState.ADDED, ParticipantState.INVITED], ParticipantState.ACTIVE, user=user
        )

    def submit(self):
        """Hand the self-assessment to the organisers for review.

        Each submission keeps the texts as they were handed over, so that reviewers and
        the participant can see what changed between rounds.
        """
        with transaction.atomic():
            self._move(self.EDITABLE, ParticipantState.SUBMITTED, submitted_at=timezone.now())
            return Submission.objects.create(
                participant=self,
                number=self.submissions.count() + 1,
                submitted_at=self.submitted_at,
                content=self.current_texts(),
            )

    def current_texts(self) -> dict:
        return {
            "outcomes": {
                competence.key: outcome.text for competence, outcome in self.filled_outcomes()
            },
            "sections": {section.key: text for section, text in self.filled_sections()},
        }

    def _review(self, decision, by, comment, section_comments):
        review = Review.objects.create(
            participant=self,
            submission=self.submissions.first(),
            decision=decision,
            comment=comment,
            by=by,
        )
        ReviewComment.objects.bulk_create(
            ReviewComment(review=review, section=key, text=text.strip())
            for key, text in (section_comments or {}).items()
            if text.strip()
        )
        return review

    def approve(self, by, comment="", section_comments=None):
        with transaction.atomic():
            self._move(
                [ParticipantState.SUBMITTED], ParticipantState.APPROVED, approved_at=timezone.now()
            )
            audit.record(
                "review_approved",
                actor=by,
                organisation=self.project.organisation,
                target=self.code,
            )
            return self._review(Review.Decision.APPROVED, by, comment, section_comments)

    def return_for_changes(self, by, comment, section_comments=None):
        """Send the self-assessment back with a general comment and/or comments per section."""
        with transaction.atomic():
            self._move([ParticipantState.SUBMITTED], ParticipantState.RETURNED)
            audit.record(
                "review_returned",
                actor=by,
                organisation=self.project.organisation,
                target=self.code,
            )
            return self._review(Review.Decision.RETURNED, by, comment, section_comments)

    def mark_issued(self):
        self._move([ParticipantState.APPROVED, ParticipantState.ISSUED], ParticipantState.ISSUED)

    @property
    def framework(self) -> Framework:
        return framework_for(self.project.format)

    @property
    def sections(self) -> tuple[Section, ...]:
        return sections_for(self.project.format)

    @property
    def training_events(self) -> tuple[TrainingEvent, ...]:
        """The events of the format's training and evaluation cycle; none for most formats."""
        return training_cycle_for(self.project.format)

    def training_cycle_attended(self) -> list[tuple[TrainingEvent, date | None]]:
        """The cycle's events that the volunteer took part in, in the cycle's order, each
        with its date where the organisers gave one.

        Events recorded for another format (the project's format changed since) are kept
        but not shown: they are not part of this format's cycle.
        """
        recorded = {item["event"]: item.get("date") for item in self.training_cycle}
        return [
            (event, date.fromisoformat(recorded[event.key]) if recorded[event.key] else None)
            for event in self.training_events
            if event.key in recorded
        ]

    def record_training_cycle(self, attended: list[tuple[str, date | None]]) -> None:
        """Record the events (key, date or None) that the volunteer took part in.

        The cycle of the project's format is replaced as a whole; events of another
        format's cycle recorded earlier stay.
        """
        own = {event.key for event in self.training_events}
        kept = [item for item in self.training_cycle if item["event"] not in own]
        self.training_cycle = kept + [
            {"event": key, "date": day.isoformat() if day else None} for key, day in attended
        ]
        validate_training_cycle(self.training_cycle)
        self.save(update_fields=["training_cycle"])

    def outcomes_by_key(self):
        return {outcome.competence: outcome for outcome in self.outcomes.all()}

    def filled_outcomes(self):
        """The outcomes with text, in the order of the project's framework.

        Texts written for another framework (the project's format changed since) are kept
        but not shown: they would not fit the certificate's framework.
        """
        by_key = self.outcomes_by_key()
        return [
            (competence, by_key[competence.key])
            for competence in self.framework.competences
            if competence.key in by_key and by_key[competence.key].text.strip()
        ]

    def filled_sections(self) -> list[tuple[Section, str]]:
        """The format's extra sections that have text, in printed order."""
        return [
            (section, getattr(self, section.key))
            for section in self.sections
            if getattr(self, section.key).strip()
        ]

    def text_pages(self) -> float:
        """About how many pages the participant's own texts fill on the certificate."""
        texts = [outcome.text for _competence, outcome in self.filled_outcomes()]
        return text_pages([*texts, *(text for _section, text in self.filled_sections())])

    @property
    def period(self) -> tuple[date, date]:
        """The participant's own first and last day, where the organisers set them."""
        return (
            self.start_date or self.project.start_date,
            self.end_date or self.project.end_date,
        )

    @property
    def has_own_period(self) -> bool:
        return self.period != (self.project.start_date, self.project.end_date)

    def check_period(self, start_date: date | None, end_date: date | None):
        """Raise ValidationError unless the dates lie within the project's, in order.

        Either date may be None, which stands for the project's own date.
        """
        project = self.project
        errors = {}
        outside = _("Choose a date within the project's dates, %(start)s to %(end)s.")
        params = {
            "start": date_format(project.start_date, "DATE_FORMAT"),
            "end": date_format(project.end_date, "DATE_FORMAT"),
        }
        for field, value in (("start_date", start_date), ("end_date", end_date)):
            if value and not project.start_date <= value <= project.end_date:
                errors[field] = ValidationError(outside, code="outside_project", params=params)
        if not errors and (start_date or project.start_date) > (end_date or project.end_date):
            errors["end_date"] = ValidationError(
                _("The last day comes before the first day."), code="order"
            )
        if errors:
            raise ValidationError(errors)

    @property
    def certificate_languages(self) -> list[str]:
        """The codes of the languages the participant wants their certificate in.

        In the order of settings.LANGUAGES, and never empty: until the participant chooses,
        the language of their account, or else the site's default language.
        """
        known = [code for code, _name in settings.LANGUAGES]
        chosen = [code for code in known if code in self.requested_languages]
        if chosen:
            return chosen
        if self.user_id and self.user.language in known:
            return [self.user.language]
        return [settings.LANGUAGE_CODE]

    def replace_evidence(self, links: list[tuple[str, str]]):
        """Make these (address, description) pairs the further evidence, in this order."""
        if len(links) > EvidenceLink.MAX_PER_PARTICIPANT:
            raise ValueError("too many evidence links")
        with transaction.atomic():
            self.evidence_links.all().delete()
            EvidenceLink.objects.bulk_create(
                EvidenceLink(participant=self, url=url, description=description)
                for url, description in links
            )

    def replace_referees(self, referees: list[tuple[str, str, str]]):
        """Make these (name, role, contact) triples the referees, in this order."""
        if len(referees) > Referee.MAX_PER_PARTICIPANT:
            raise ValueError("too many referees")
        with transaction.atomic():
            self.referees.all().delete()
            Referee.objects.bulk_create(
                Referee(participant=self, name=name, role=role, contact=contact)
                for name, role, contact in referees
            )


class Invitation(InvitationBase):
    """An e-mailed link that lets a person connect their account to a participant record."""

    invited = "participant"

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations"
    )

    class Meta(InvitationBase.Meta):
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.participant} ({self.created_at:%Y-%m-%d})"

    def accept(self, user):
        """Bind the record to `user`: all or nothing, and never a record bound already."""
        with transaction.atomic():
            self.mark_accepted()
            try:
                self.participant.accept(user)
            except TransitionError as error:
                raise InvitationStateError from error


class LearningOutcome(models.Model):
    """What the participant writes, in their own words, about one competence."""

    MAX_LENGTH = 4000

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    competence = models.CharField(
        _("competence"),
        max_length=40,
        choices=[(c.key, c.name) for c in (*KEY_COMPETENCES, *YOUTH_WORKER_COMPETENCES)],
    )
    text = models.TextField(_("learning outcomes"), max_length=MAX_LENGTH, blank=True)
    # Counts saves, so that a save made from an older copy of the text is noticed.
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning outcome")
        verbose_name_plural = _("learning outcomes")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "competence"], name="one_outcome_per_competence"
            )
        ]

    def __str__(self):
        return f"{self.participant}: {self.get_competence_display()}"


# Evidence is printed on the certificate and opened by employers: only web addresses.
validate_web_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address that starts with https:// or http://."),
)

# Digits with the usual separators and an optional leading +, e.g. +371 2612 3456.
PHONE_RE = re.compile(r"\+?[0-9][0-9 ()./-]{4,28}[0-9]")


def validate_contact(value: str):
    value = value.strip()
    if "@" in value:
        validate_email(value)
    elif not PHONE_RE.fullmatch(value) or sum(char.isdigit() for char in value) < 6:
        raise ValidationError(
            _("Enter an e-mail address or a phone number, e.g. +371 2612 3456."), code="contact"
        )


class EvidenceLink(models.Model):
    """A web page that shows what the participant did or learned: a blog, video, portfolio."""

    MAX_PER_PARTICIPANT = 5

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="evidence_links"
    )
    url = models.URLField(_("web address"), max_length=500, validators=[validate_web_url])
    description = models.CharField(_("what it shows"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("further evidence")
        verbose_name_plural = _("further evidence")
        ordering = ["id"]

    def __str__(self):
        return self.url


class Referee(models.Model):
    """Someone who can confirm the participant's learning when an employer or school asks."""

    MAX_PER_PARTICIPANT = 2

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="referees")
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(_("role and organisation"), max_length=150, blank=True)
    contact = models.CharField(_("e-mail or phone"), max_length=100, validators=[validate_contact])

    class Meta:
        verbose_name = _("referee")
        verbose_name_plural = _("referees")
        ordering = ["id"]

    def __str__(self):
        return self.name


class Review(models.Model):
    """An organiser's decision on a submitted self-assessment."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="reviews")
    submission = models.ForeignKey(
        "Submission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name=_("submission"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision)
    comment = models.TextField(_("comment"), max_length=4000, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.participant}: {self.get_decision_display()}"


class Submission(models.Model):
    """One hand-over of the self-assessment for review, with the texts as they were then."""

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveIntegerField(_("number"))
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    # {"outcomes": {key: text}, "sections": {key: text}}: what the reviewers saw.
    content = models.JSONField(_("submitted texts"), default=dict)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "number"], name="one_submission_per_number"
            )
        ]

    def __str__(self):
        return f"{self.participant} #{self.number}"


class ReviewComment(models.Model):
    """A reviewer's comment on one section (a competence or a format section) of a review."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="comments")
    section = models.CharField(_("section"), max_length=40)
    text = models.TextField(_("comment"), max_length=2000)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["review", "pk"]

    def __str__(self):
        return f"{self.review}: {self.section}"


class Goal(models.Model):
    """One goal of the participant's learning plan."""

    class State(models.TextChoices):
        OPEN = "open", _("Working on it")
        REACHED = "reached", _("Reached")
        REVISED = "revised", _("Revised")
        DROPPED = "dropped", _("Dropped")

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="goals")
    competence = models.CharField(
        _("competence"),
        max_length=40,
        blank=True,
        help_text=_("The competence this goal belongs to, if any."),
    )
    title = models.CharField(_("what I want to learn"), max_length=300)
    how = models.TextField(_("how and when"), max_length=1500, blank=True)
    helpers = models.TextField(_("who can help"), max_length=500, blank=True)
    success = models.TextField(_("how I will know I have succeeded"), max_length=1500, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.OPEN)
    shared = models.BooleanField(
        _("share with my support persons"),
        default=False,
        help_text=_("Your mentor, supervisor or coach can read shared goals and give feedback."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("learning goal")
        verbose_name_plural = _("learning goals")
        ordering = ["created_at"]

    def __str__(self):
        return self.title


def journal_photo_path(entry, filename):
    # A random name: the file's own name may say more than its owner meant to share.
    return f"journal/{entry.participant.code}/{new_url_code(16)}.jpg"


class JournalEntry(models.Model):
    """A dated reflection in the participant's learning journal; private unless shared."""

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="journal_entries"
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("entry"), max_length=4000)
    link = models.URLField(
        _("link to a video or photo"),
        max_length=500,
        blank=True,
        help_text=_("Optional: a video or an album somewhere else, e.g. a shared drive."),
    )
    photo = models.ImageField(_("photo"), upload_to=journal_photo_path, blank=True)
    competences = models.JSONField(_("competences"), default=list, blank=True)
    shared = models.BooleanField(
        _("share with my support persons"),
        default=False,
        help_text=_("Entries are private until you share them."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("journal entry")
        verbose_name_plural = _("journal entries")
        ordering = ["-date", "-created_at"]

    def __str__(self):
        return f"{self.participant}, {self.date}"
