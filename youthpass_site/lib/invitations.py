"""E-mailed invitation links: random, stored hashed, single-use, expiring.

A newer invitation for the same person revokes the older ones, so only the latest
link works.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youthpass_site.lib.tokens import hash_token, new_token, plausible


class InvitationStateError(Exception):
    """An invitation in the wrong state: for someone who is in already, or one that was
    used, revoked or ran out, or whose record or role is taken already."""


class InvitationQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class InvitationBase(models.Model):
    """Subclasses add a foreign key to what the invitation is for, named by `invited`."""

    invited: str

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
        abstract = True
        ordering = ["-created_at"]

    @classmethod
    def create_for(cls, invited, by):
        """A new invitation for `invited`; returns it and the secret token for the link."""
        earlier = cls.objects.usable().filter(**{cls.invited: invited})
        return cls.issue(earlier, by=by, **{cls.invited: invited})

    @classmethod
    def issue(cls, earlier, *, by, **fields):
        """A new invitation with `fields`, and its secret token; those in the queryset
        `earlier` stop working."""
        now = timezone.now()
        earlier.update(revoked_at=now)
        token = new_token()
        invitation = cls.objects.create(
            **fields,
            token_hash=hash_token(token),
            sent_by=by,
            created_at=now,
            expires_at=now + timedelta(days=settings.INVITATION_MAX_AGE_DAYS),
        )
        return invitation, token

    @classmethod
    def related_to_link(cls) -> tuple[str, ...]:
        """What the page behind the link shows with the invitation, fetched with it."""
        return (f"{cls.invited}__project__organisation",)

    @classmethod
    def find_usable(cls, token: str):
        if not plausible(token):
            return None
        return (
            cls.objects.usable()
            .select_related(*cls.related_to_link())
            .filter(token_hash=hash_token(token))
            .first()
        )

    @classmethod
    def was_accepted(cls, token: str) -> bool:
        """Whether this link was used to accept its invitation (a second click on it)."""
        if not plausible(token):
            return False
        return cls.objects.filter(token_hash=hash_token(token), accepted_at__isnull=False).exists()

    def mark_accepted(self):
        """Use the invitation up; one that was used, revoked or ran out meanwhile refuses.

        The check and the change are one UPDATE, so two answers to the same link at the
        same moment cannot both get through.
        """
        now = timezone.now()
        if not type(self).objects.usable().filter(pk=self.pk).update(accepted_at=now):
            raise InvitationStateError
        self.accepted_at = now
