from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One sensitive action. Kept when the actor or the organisation is deleted."""

    class Action(models.TextChoices):
        REVIEW_APPROVED = "review_approved", _("Self-assessment approved")
        REVIEW_RETURNED = "review_returned", _("Self-assessment returned for changes")
        CERTIFICATE_ISSUED = "certificate_issued", _("Certificate issued")
        CERTIFICATE_REVOKED = "certificate_revoked", _("Certificate revoked")
        CERTIFICATE_REPLACED = "certificate_replaced", _("Certificate replaced")
        DATA_EXPORTED = "data_exported", _("Personal data downloaded")
        ACCOUNT_DELETED = "account_deleted", _("Account deleted")
        MEMBERSHIP_CHANGED = "membership_changed", _("Membership changed")
        COLLEAGUE_INVITED = "colleague_invited", _("Colleague invited")
        COLLEAGUE_INVITATION_CANCELLED = (
            "colleague_invitation_cancelled",
            _("Colleague invitation cancelled"),
        )
        COLLEAGUE_JOINED = "colleague_joined", _("Colleague invitation accepted")

    organisation = models.ForeignKey(
        "projects.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="audit_events",
        verbose_name=_("organisation"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    # The actor's e-mail at the time, so that the log still says who once the account
    # is gone. Empty where the person asked for their data to be deleted.
    actor_label = models.CharField(_("by (as recorded)"), max_length=254, blank=True)
    action = models.CharField(_("action"), max_length=30, choices=Action)
    target = models.CharField(_("object"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"], name="audit_org_created"),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.get_action_display()} {self.target}"

    @property
    def actor_display(self) -> str:
        return self.actor_label or gettext("a participant")
