import math

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

import audit
from certificates import snapshot as frozen
from participants.models import Participant
from youthpass_site.lib.codes import new_certificate_id

# The verification page keeps a certificate's state this long in each server process,
# so that a much-checked certificate costs no query; a change is seen at once by the
# process that made it and within these seconds by the others.
STATE_CACHE_SECONDS = 2


def _state_key(certificate_id):
    return f"certificate-state:{certificate_id}"


def current_state(certificate_id):
    """(state, changed at) of the certificate with this ID, or None if there is none."""
    key = _state_key(certificate_id)
    state = cache.get(key)
    if state is None:
        state = (
            Certificate.objects.filter(certificate_id=certificate_id)
            .values_list("state", "state_changed_at")
            .first()
        )
        if state is None:
            return None
        cache.set(key, state, STATE_CACHE_SECONDS)
    return state


def forget_state(certificate_id):
    cache.delete(_state_key(certificate_id))


class CertificateError(Exception):
    """An issue, revocation or replacement that the certificates' states do not allow."""


class CertificateTooLong(Exception):
    """The texts would fill more pages than a certificate may have (nothing was laid out)."""

    def __init__(self, pages: float):
        super().__init__(pages)
        self.pages = math.ceil(pages)

    def __str__(self):
        return _(
            "The certificate would be about %(pages)d pages long, and it may have at most "
            "%(max)d pages of texts. Shorten the texts (the participant's, or the project's "
            "description and activities), then issue it."
        ) % {"pages": self.pages, "max": settings.CERTIFICATE_MAX_PAGES}


class SignatureMode(models.TextChoices):
    PRINTED = "printed", _("Signature block, to be signed by hand")
    ELECTRONIC = "electronic", _("Electronically signed by me")


class CertificateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Certificates that the holder or a member of the issuing organisation may download."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(participant__user=user)
            | models.Q(participant__project__organisation__memberships__user=user)
        ).distinct()

    def valid(self):
        return self.filter(state=Certificate.State.VALID)


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
    state_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("state changed by"),
    )
    state_reason = models.CharField(_("reason"), max_length=500, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            # A correction replaces the certificate; two valid ones in one language would
            # leave the holder and the public unsure which one counts.
            models.UniqueConstraint(
                fields=["participant", "language"],
                condition=models.Q(state="valid"),
                name="one_valid_certificate_per_language",
            )
        ]

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

    @property
    def is_valid(self):
        return self.state == self.State.VALID

    @property
    def signature_mode(self):
        return frozen.signature(self.snapshot)["mode"]

    def reduce_to_public_part(self) -> str:
        """Keep only what the public verification page shows; the PDF goes.

        For a valid certificate whose holder's data is erased: the page still says valid,
        for whom, for which project, when and by whom, but the birth data, texts and
        signatures that the PDF and the rest of the snapshot hold are gone. Returns the
        name of the stored PDF, for the caller to delete once the transaction has
        committed.
        """
        pdf_name = self.pdf.name
        self.snapshot = frozen.public_part(self.snapshot)
        self.pdf = ""
        self.save(update_fields=["snapshot", "pdf"])
        return pdf_name

    @classmethod
    def issue_for(
        cls,
        participant,
        by,
        language,
        signature=SignatureMode.PRINTED,
        *,
        replacing=None,
        reason="",
    ):
        """Freeze the participant's approved record into a certificate and render its PDF.

        What is printed is stored with the certificate; later edits of the project or
        the participant never change an issued certificate. A valid certificate in the
        same language must be named in `replacing`, with a reason.
        """
        if replacing is not None and (
            replacing.participant_id != participant.pk
            or replacing.language != language
            or not replacing.is_valid
        ):
            raise CertificateError("Only a valid certificate is replaced, in its own language.")
        return cls.issue(participant, by, [language], signature, reason=reason)[0]

    @classmethod
    def issue(cls, participant, by, languages, signature=SignatureMode.PRINTED, *, reason=""):
        """Issue the participant's certificate in each language, each with its own ID.

        All of them are stored in one transaction, or none. Where the participant
        already holds a valid certificate in one of the languages, the new one replaces
        it: the old one is marked replaced, points to the new one, and the reason is
        recorded. Replacing needs a reason; without one nothing is issued.
        """
        from certificates.rendering import render_certificate_pdf
        from certificates.sealing import seal_pdf
        from certificates.snapshot import build_snapshot, text_pages_of

        languages = list(dict.fromkeys(languages))
        if not languages:
            raise CertificateError("At least one language is needed.")
        reason = reason.strip()
        if participant.certificates.valid().filter(language__in=languages).exists() and not reason:
            raise CertificateError("Replacing a valid certificate needs a reason.")

        now = timezone.now()
        certificates = []
        # Rendering takes most of a second per language: done before the transaction,
        # so that the database is not held while WeasyPrint works.
        for language in languages:
            snapshot = build_snapshot(participant, language, signature=signature, by=by, now=now)
            # Laying out costs time by the page: a text too long is refused before it.
            if (pages := text_pages_of(snapshot)) > settings.CERTIFICATE_MAX_PAGES:
                raise CertificateTooLong(pages)
            certificate = cls(
                participant=participant,
                language=language,
                snapshot=snapshot,
                issued_by=by,
                issued_at=now,
            )
            # Sealed before anything is stored: a certificate that cannot be sealed is
            # not issued (SealingError), like one that cannot be rendered.
            pdf = seal_pdf(render_certificate_pdf(certificate), certificate)
            certificates.append((certificate, pdf))

        with transaction.atomic():
            # Two organisers pressing the button at once: the second one waits here and
            # then sees the first one's certificates as the ones to replace.
            locked = Participant.objects.select_for_update().get(pk=participant.pk)
            current = {
                certificate.language: certificate
                for certificate in locked.certificates.select_for_update()
                .valid()
                .filter(language__in=languages)
            }
            if current and not reason:
                raise CertificateError("Replacing a valid certificate needs a reason.")
            for old in current.values():
                old._change_state(cls.State.REPLACED, by, reason)
            for certificate, pdf_bytes in certificates:
                certificate.pdf.save(certificate.filename, ContentFile(pdf_bytes), save=False)
                certificate.save()
                audit.record(
                    "certificate_issued",
                    actor=by,
                    organisation=participant.project.organisation,
                    target=certificate.certificate_id,
                )
                old = current.get(certificate.language)
                if old is not None:
                    old.replaced_by = certificate
                    old.save(update_fields=["replaced_by"])
                    audit.record(
                        "certificate_replaced",
                        actor=by,
                        organisation=participant.project.organisation,
                        target=old.certificate_id,
                    )
            participant.mark_issued()
        return [certificate for certificate, _pdf in certificates]

    def revoke(self, by, reason):
        """Withdraw a valid certificate. The verification page then says it is revoked.

        The PDF stays downloadable for the holder and the organisers, so that what was
        issued can still be looked at; the reason is recorded but never shown publicly.
        """
        reason = reason.strip()
        if not reason:
            raise CertificateError("Revoking needs a reason.")
        with transaction.atomic():
            current = Certificate.objects.select_for_update().get(pk=self.pk)
            if not current.is_valid:
                raise CertificateError(f"A {current.state} certificate cannot be revoked.")
            self._change_state(self.State.REVOKED, by, reason)
            audit.record(
                "certificate_revoked",
                actor=by,
                organisation=self.participant.project.organisation,
                target=self.certificate_id,
            )

    def replace(self, by, reason, signature=None):
        """Issue a corrected certificate in the same language from the current records.

        Returns the new certificate; this one is marked replaced and points to it.
        """
        if not self.is_valid:
            raise CertificateError(f"A {self.state} certificate cannot be replaced.")
        new = Certificate.issue_for(
            self.participant,
            by,
            self.language,
            signature or self.signature_mode,
            replacing=self,
            reason=reason,
        )
        self.refresh_from_db()
        return new

    def _change_state(self, state, by, reason):
        self.state = state
        self.state_changed_at = timezone.now()
        self.state_changed_by = by
        self.state_reason = reason[: self._meta.get_field("state_reason").max_length]
        self.save(update_fields=["state", "state_changed_at", "state_changed_by", "state_reason"])
        forget_state(self.certificate_id)
