from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from participants.models import Participant
from youthpass_site.lib.codes import new_certificate_id


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Certificates that the holder or a member of the issuing organisation may download."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(participant__user=user)
            | models.Q(participant__project__organisation__memberships__user=user)
        ).distinct()


class Certificate(models.Model):
    """An issued Youthpass certificate: a frozen snapshot of what was printed, and its PDF."""

    class State(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        REPLACED = "replaced", _("Replaced")

    certificate_id = models.CharField(
        _("certificate ID"), max_length=19, unique=True, default=new_certificate_id, editable=False
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="certificates",
        verbose_name=_("participant"),
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    snapshot = models.JSONField(_("printed content"), editable=False)
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/%m/", editable=False)
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.VALID)
    issued_at = models.DateTimeField(_("issued"), default=timezone.now, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("issued by"),
    )
    state_changed_at = models.DateTimeField(_("state changed"), null=True, blank=True)
    state_reason = models.CharField(_("reason"), max_length=500, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]

    def __str__(self):
        return self.certificate_id

    def get_absolute_url(self):
        return reverse("certificates:verify", args=[self.certificate_id])

    def get_download_url(self):
        return reverse("certificates:download", args=[self.certificate_id])

    @property
    def verification_url(self):
        return settings.SITE_URL + self.get_absolute_url()

    @property
    def filename(self):
        return f"youthpass-{self.certificate_id}-{self.language}.pdf"

    @classmethod
    def issue_for(cls, participant, by, language):
        """Freeze the participant's approved record into a certificate and render its PDF.

        What is printed is stored with the certificate; later edits of the project or
        the participant never change an issued certificate.
        """
        from certificates.rendering import render_certificate_pdf
        from certificates.snapshot import build_snapshot

        snapshot = build_snapshot(participant, language)
        certificate = cls(
            participant=participant, language=language, snapshot=snapshot, issued_by=by
        )
        pdf_bytes = render_certificate_pdf(certificate)
        with transaction.atomic():
            certificate.pdf.save(certificate.filename, ContentFile(pdf_bytes), save=False)
            certificate.save()
            participant.mark_issued()
        return certificate
