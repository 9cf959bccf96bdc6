import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.competences import KEY_COMPETENCES
from projects.models import Project
from youthpass_site.lib.codes import new_url_code


class Status(models.TextChoices):
    ADDED = "added", _("Added")
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Writing")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Certificate issued")


class TransitionError(Exception):
    """An action that the participant's current state does not allow."""


class Participant(models.Model):
    """A person taking part in a project, and the record their certificate is made from."""

    EDITABLE = (Status.ACTIVE, Status.RETURNED)

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
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    place_of_birth = models.CharField(_("place of birth"), max_length=100, blank=True)
    status = models.CharField(
        _("state"), max_length=12, choices=Status, default=Status.ADDED, db_index=True
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "email"], name="one_participant_per_email")
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def can_edit(self):
        return self.status in self.EDITABLE

    def _move(self, allowed, new_status, **fields):
        if self.status not in allowed:
            raise TransitionError(self.status)
        self.status = new_status
        for name, value in fields.items():
            setattr(self, name, value)
        self.save(update_fields=["status", *fields])

    def invite(self, by):
        """Create a fresh invitation (older links stop working) and mark the participant invited.

        Returns the invitation and the secret token for the e-mailed link.
        """
        if self.status not in (Status.ADDED, Status.INVITED):
            raise TransitionError(self.status)
        with transaction.atomic():
            invitation, token = Invitation.create_for(self, by)
            if self.status == Status.ADDED:
                self._move([Status.ADDED], Status.INVITED)
        return invitation, token

    def accept(self, user):
        """Connect the invited person's account to this record; they can start writing."""
        self._move([Status.ADDED, Status.INVITED], Status.ACTIVE, user=user)

    def submit(self):
        """Hand the self-assessment to the organisers for review."""
        self._move(self.EDITABLE, Status.SUBMITTED, submitted_at=timezone.now())

    def approve(self, by, comment=""):
        with transaction.atomic():
            self._move([Status.SUBMITTED], Status.APPROVED, approved_at=timezone.now())
            Review.objects.create(
                participant=self, decision=Review.Decision.APPROVED, comment=comment, by=by
            )

    def return_for_changes(self, by, comment):
        with transaction.atomic():
            self._move([Status.SUBMITTED], Status.RETURNED)
            Review.objects.create(
                participant=self, decision=Review.Decision.RETURNED, comment=comment, by=by
            )

    def mark_issued(self):
        self._move([Status.APPROVED, Status.ISSUED], Status.ISSUED)

    def outcomes_by_key(self):
        return {outcome.competence: outcome for outcome in self.outcomes.all()}

    def filled_outcomes(self):
        """The outcomes with text, in the order of the framework."""
        by_key = self.outcomes_by_key()
        return [
            (competence, by_key[competence.key])
            for competence in KEY_COMPETENCES
            if competence.key in by_key and by_key[competence.key].text.strip()
        ]


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mailed link that lets a person connect their account to a participant record.

    Only a hash of the token is stored; the link works once, for a limited time, and a
    newer invitation for the same participant revokes the older ones.
    """

    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="invitations"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.participant} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def create_for(cls, participant, by):
        now = timezone.now()
        participant.invitations.usable().update(revoked_at=now)
        token = secrets.token_urlsafe(32)
        invitation = cls.objects.create(
            participant=participant,
            token_hash=_hash_token(token),
            sent_by=by,
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
        )
        return invitation, token

    @classmethod
    def find_usable(cls, token: str):
        if not token or len(token) > 100:
            return None
        return (
            cls.objects.usable()
            .select_related("participant__project__organisation")
            .filter(token_hash=_hash_token(token))
            .first()
        )

    def accept(self, user):
        with transaction.atomic():
            self.accepted_at = timezone.now()
            self.save(update_fields=["accepted_at"])
            self.participant.accept(user)


class LearningOutcome(models.Model):
    """What the participant writes, in their own words, about one competence."""

    MAX_LENGTH = 4000

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="outcomes")
    competence = models.CharField(
        _("competence"),
        max_length=40,
        choices=[(c.key, c.name) for c in KEY_COMPETENCES],
    )
    text = models.TextField(_("learning outcomes"), max_length=MAX_LENGTH, blank=True)
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


class Review(models.Model):
    """An organiser's decision on a submitted self-assessment."""

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="reviews")
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
