from functools import partial

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import ERASED_EMAIL, Goal, JournalEntry, Participant
from participants.versioned_save import normalise_text, save_checked
from projects.models import Project
from youthpass_site.lib.codes import new_url_code
from youthpass_site.lib.invitations import InvitationBase, InvitationStateError


class SupportRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    SUPERVISOR = "supervisor", _("Supervisor")
    COACH = "coach", _("Coach")
    DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")


class SupportPersonQuerySet(models.QuerySet):
    def of_user(self, user):
        """The support roles that this account holds, in any project."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def not_erased(self):
        return self.filter(erased_at__isnull=True)


class SupportPerson(models.Model):
    """A mentor, supervisor, coach or dialogue partner in one project.

    They see only what the participants assigned to them have shared.
    """

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="support_persons", verbose_name=_("project")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_roles",
        verbose_name=_("account"),
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=SupportRole)
    # E-mails go out in this language until the person has an account with its own.
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of e-mails sent to this support person."),
    )
    participants = models.ManyToManyField(
        Participant,
        related_name="support_persons",
        blank=True,
        verbose_name=_("assigned participants"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    # When the person deleted their account; the name stays with what they wrote.
    erased_at = models.DateTimeField(_("erased"), null=True, blank=True, editable=False)

    objects = SupportPersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("support person")
        verbose_name_plural = _("support persons")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "email", "role"], name="one_support_role_per_email"
            )
        ]

    def __str__(self):
        return f"{self.full_name} ({self.get_role_display()})"

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def is_supervisor(self):
        return self.role == SupportRole.SUPERVISOR

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def erase(self) -> None:
        """Cut the role from the deleted account, keeping the name the organiser entered.

        The feedback and assessments written in the role are part of the participants'
        records (an assessment may be printed on an issued certificate), so they stay
        under that name; the e-mail address, the invitations and the link go.
        """
        self.invitations.all().delete()
        self.user = None
        self.email = ERASED_EMAIL.format(code=self.code)
        if self.erased_at is None:
            self.erased_at = timezone.now()
        self.save(update_fields=["user", "email", "erased_at"])

    def invite(self, by):
        """A fresh invitation (older links stop working); returns it and its secret token.

        Someone who has accepted already logs in instead: a new link would only let a
        different account take over their role.
        """
        if self.accepted_at is not None:
            raise InvitationStateError(self.email)
        return SupportInvitation.create_for(self, by)

    def accept(self, user):
        """Connect `user`'s account to this role, once: a later link cannot take it over."""
        with transaction.atomic():
            accepted = SupportPerson.objects.select_for_update().values_list(
                "accepted_at", flat=True
            )
            if accepted.get(pk=self.pk) is not None:
                raise InvitationStateError(self.email)
            self.user = user
            self.accepted_at = timezone.now()
            self.save(update_fields=["user", "accepted_at"])

    def assign(self, participants):
        """Make exactly these participants, all of this person's project, the assigned ones."""
        participants = list(participants)
        if any(participant.project_id != self.project_id for participant in participants):
            raise ValueError("support persons are assigned within their own project")
        self.participants.set(participants)

    def give_feedback(self, on, text):
        """Feedback on a goal or journal entry that an assigned participant has shared."""
        if not on.shared or not self.participants.filter(pk=on.participant_id).exists():
            raise PermissionError("feedback only on what an assigned participant shares")
        if isinstance(on, Goal):
            return Feedback.objects.create(author=self, goal=on, text=text)
        return Feedback.objects.create(author=self, entry=on, text=text)


class SupportInvitation(InvitationBase):
    """An e-mailed link that connects a support person's account to their role."""

    invited = "support_person"

    support_person = models.ForeignKey(
        SupportPerson, on_delete=models.CASCADE, related_name="invitations"
    )

    class Meta(InvitationBase.Meta):
        verbose_name = _("support person invitation")
        verbose_name_plural = _("support person invitations")

    def __str__(self):
        return f"{self.support_person} ({self.created_at:%Y-%m-%d})"

    def accept(self, user):
        """Bind the role to `user`: all or nothing, and never a role taken already."""
        with transaction.atomic():
            self.mark_accepted()
            self.support_person.accept(user)


class Feedback(models.Model):
    """A support person's feedback on a goal or a journal entry that was shared with them."""

    MAX_LENGTH = 2000

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    author = models.ForeignKey(
        SupportPerson, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("author")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    entry = models.ForeignKey(
        JournalEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    text = models.TextField(_("feedback"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)
    updated_at = models.DateTimeField(_("edited"), auto_now=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(goal__isnull=False, entry__isnull=True)
                | Q(goal__isnull=True, entry__isnull=False),
                name="feedback_on_goal_or_entry",
            )
        ]

    def __str__(self):
        return f"{self.author}: {self.text[:40]}"

    @property
    def target(self):
        """The goal or journal entry that the feedback is about."""
        return self.goal or self.entry

    @property
    def participant(self):
        return self.target.participant

    @property
    def edited(self):
        # Saving on creation stamps both times within the same moment, not the same instant.
        return (self.updated_at - self.created_at).total_seconds() > 1


class AssessmentConflict(Exception):
    """A save made from an older version of the assessment than the one now stored."""

    def __init__(self, current):
        super().__init__(current.version)
        self.current = current


class SupervisorAssessment(models.Model):
    """A supervisor's general assessment of a trainee or employee.

    It is printed on the certificate, as a section of its own, only after the participant
    has agreed to include it.
    """

    MAX_LENGTH = 4000

    participant = models.OneToOneField(
        Participant, on_delete=models.CASCADE, related_name="supervisor_assessment"
    )
    author = models.ForeignKey(
        SupportPerson,
        on_delete=models.SET_NULL,
        null=True,
        related_name="assessments",
        verbose_name=_("supervisor"),
    )
    # The name as it was when the text was written, for when the supervisor's role has
    # been removed from the project since: the certificate still says who wrote it.
    author_name = models.CharField(_("written by"), max_length=201, blank=True)
    text = models.TextField(_("assessment"), max_length=MAX_LENGTH)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    consent_at = models.DateTimeField(_("participant agreed"), null=True, blank=True)

    class Meta:
        verbose_name = _("supervisor's assessment")
        verbose_name_plural = _("supervisors' assessments")

    def __str__(self):
        return f"{self.participant}"

    @property
    def included(self):
        return self.consent_at is not None

    @property
    def written_by(self):
        return self.author.full_name if self.author else self.author_name

    @classmethod
    def write(cls, participant, author, text, version):
        """Save the supervisor's text, made from the stored version `version` (0: none yet).

        Returns the assessment and whether the text changed. A changed text needs the
        participant's agreement again: they agreed to the words, not to the supervisor.
        A save from an older version that differs from the stored text changes nothing and
        raises AssessmentConflict with the stored assessment, so that neither text is lost
        (the rule of participants.versioned_save, for a page that sends no fingerprints).
        """
        saved = save_checked(
            cls.objects.filter(participant=participant),
            {"text": normalise_text(text)},
            version,
            {},
            create=partial(cls.objects.create, participant=participant),
            also={"author": author, "author_name": author.full_name, "consent_at": None},
        )
        current = cls.objects.get(participant=participant)
        if saved.conflicts:
            raise AssessmentConflict(current)
        return current, saved.written

    def agree(self, version):
        """The participant agrees to print this text, as of `version`, on their certificate.

        Returns False, changing nothing, when the text has changed since they read it.
        """
        agreed = SupervisorAssessment.objects.filter(pk=self.pk, version=version).update(
            consent_at=timezone.now()
        )
        self.refresh_from_db()
        return bool(agreed)

    def withdraw(self):
        self.consent_at = None
        self.save(update_fields=["consent_at"])
