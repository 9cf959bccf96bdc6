from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Goal, JournalEntry, Participant
from projects.models import Project
from youthpass_site.lib.codes import new_url_code
from youthpass_site.lib.invitations import InvitationBase


class SupportRole(models.TextChoices):
    MENTOR = "mentor", _("Mentor")
    SUPERVISOR = "supervisor", _("Supervisor")
    COACH = "coach", _("Coach")
    DIALOGUE_PARTNER = "dialogue_partner", _("Dialogue partner")


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
    participants = models.ManyToManyField(
        Participant,
        related_name="support_persons",
        blank=True,
        verbose_name=_("assigned participants"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

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

    def invite(self, by):
        """A fresh invitation (older links stop working); returns it and its secret token."""
        return SupportInvitation.create_for(self, by)

    def accept(self, user):
        self.user = user
        self.accepted_at = timezone.now()
        self.save(update_fields=["user", "accepted_at"])


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
        with transaction.atomic():
            self.mark_accepted()
            self.support_person.accept(user)


class Feedback(models.Model):
    """A support person's feedback on a goal or a journal entry that was shared with them."""

    author = models.ForeignKey(
        SupportPerson, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("author")
    )
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    entry = models.ForeignKey(
        JournalEntry, on_delete=models.CASCADE, null=True, blank=True, related_name="feedback"
    )
    text = models.TextField(_("feedback"), max_length=2000)
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

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
