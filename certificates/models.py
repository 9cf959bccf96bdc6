import datetime
import math
import secrets

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

import audit
from certificates import snapshot as frozen
from certificates.credentials import keys, proof, status
from certificates.credentials.build import build_credential, new_salt
from certificates.credentials.did import organisation_did, split_verification_method
from participants.models import Participant
from projects.models import Organisation, not_ready_message
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


class OrganisationKey(models.Model):
    """An Ed25519 key with which an organisation signs its certificates' credentials.

    Each organisation gets one when it first issues a certificate. Its public part is
    published in the organisation's DID document; the private part is stored encrypted
    with CREDENTIAL_KEY (certificates.credentials.keys) and never shown. A rotated key is
    retired, not deleted: it signs nothing more, and the credentials it signed still verify.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="credential_keys",
        verbose_name=_("organisation"),
    )
    # Also the key's fragment in the organisation's DID (did:web:…#<this>), as with did:key.
    public_key_multibase = models.CharField(
        _("public key (Multikey)"), max_length=64, unique=True, editable=False
    )
    encrypted_private_key = models.TextField(editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("credential signing key")
        verbose_name_plural = _("credential signing keys")
        ordering = ["organisation", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(retired_at__isnull=True),
                name="one_current_credential_key",
            )
        ]

    def __str__(self):
        return self.verification_method

    @property
    def key_id(self) -> str:
        return self.public_key_multibase

    @property
    def did(self) -> str:
        return organisation_did(settings.SITE_URL, self.organisation.code)

    @property
    def verification_method(self) -> str:
        return f"{self.did}#{self.key_id}"

    @property
    def public_key(self) -> Ed25519PublicKey:
        return keys.public_key_from_multikey(self.public_key_multibase)

    def private_key(self) -> Ed25519PrivateKey:
        return keys.decrypt_private_key(self.encrypted_private_key, self.organisation.code)

    def sign(self, document: dict, created: datetime.datetime | None = None) -> dict:
        """The document with an eddsa-rdfc-2022 proof by this key."""
        return proof.sign(document, self.private_key(), self.verification_method, created=created)

    @classmethod
    @sensitive_variables("private_key")
    def make(cls, organisation) -> "OrganisationKey":
        private_key = Ed25519PrivateKey.generate()
        return cls.objects.create(
            organisation=organisation,
            public_key_multibase=keys.public_multikey(private_key.public_key()),
            encrypted_private_key=keys.encrypt_private_key(private_key, organisation.code),
        )

    @classmethod
    def current_for(cls, organisation) -> "OrganisationKey":
        """The organisation's key in use, made on its first issue."""
        key = cls.objects.filter(organisation=organisation, retired_at__isnull=True).first()
        if key is not None:
            return key
        try:
            with transaction.atomic():
                return cls.make(organisation)
        except IntegrityError:
            # Another issue made the first key a moment ago.
            return cls.objects.get(organisation=organisation, retired_at__isnull=True)

    @classmethod
    def rotate(cls, organisation) -> "OrganisationKey":
        """Retire the organisation's key in use (kept, for verifying) and make a new one."""
        with transaction.atomic():
            cls.objects.select_for_update().filter(
                organisation=organisation, retired_at__isnull=True
            ).update(retired_at=timezone.now())
            # The status list is signed again, with the new key, when next asked for.
            StatusList.objects.filter(organisation=organisation).update(credential=None)
            return cls.make(organisation)

    @classmethod
    def public_key_for(cls, verification_method: str) -> Ed25519PublicKey | None:
        """The key that a verification method of this site's organisations, or a did:key,
        names; None when it is none of ours."""
        if verification_method.startswith("did:key:"):
            return keys.public_key_of_did_key(verification_method)
        named = split_verification_method(settings.SITE_URL, verification_method)
        if named is None:
            return None
        code, key_id = named
        key = cls.objects.filter(organisation__code=code, public_key_multibase=key_id).first()
        return key.public_key if key is not None else None


class StatusListFull(Exception):
    """Every position of the organisation's status list is taken."""

    def __str__(self):
        return str(
            _(
                "Every position of your organisation's revocation list is taken, so no more "
                "certificates can be issued. Contact the site's administrators."
            )
        )


class StatusList(models.Model):
    """An organisation's Bitstring Status List for revocation (certificates.credentials.status).

    One bit per credential the organisation issued, at a random position that its
    StatusListEntry holds; the bit is set in the transaction that revokes or replaces the
    certificate. The signed list is kept with the version of the bits it shows and signed
    again when it is next asked for after a change.
    """

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="status_lists",
        verbose_name=_("organisation"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, default=status.REVOCATION)
    length = models.PositiveIntegerField(_("positions"), default=status.LENGTH)
    bits = models.BinaryField(editable=False)
    version = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(_("changed"), default=timezone.now, editable=False)
    # The list as a signed BitstringStatusListCredential, and the version of the bits it shows.
    credential = models.JSONField(null=True, blank=True, editable=False)
    credential_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    signed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("status list")
        verbose_name_plural = _("status lists")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "purpose"], name="one_status_list_per_purpose"
            )
        ]

    def __str__(self):
        return self.url

    @property
    def url(self) -> str:
        return settings.SITE_URL + reverse(
            "certificates:status_list", args=[self.organisation.code]
        )

    @classmethod
    def for_organisation(cls, organisation) -> "StatusList":
        """The organisation's revocation list, made with its first credential."""
        found = cls.objects.filter(organisation=organisation, purpose=status.REVOCATION).first()
        if found is not None:
            found.organisation = organisation
            return found
        try:
            with transaction.atomic():
                return cls.objects.create(
                    organisation=organisation,
                    purpose=status.REVOCATION,
                    length=status.LENGTH,
                    bits=status.empty(status.LENGTH),
                )
        except IntegrityError:
            return cls.objects.get(organisation=organisation, purpose=status.REVOCATION)

    # Random tries before the free positions are looked up: a list a tenth full needs
    # more than one try once in ten issues, and five in a row once in 100,000.
    RANDOM_TRIES = 5

    def reserve(self) -> "StatusListEntry":
        """A random position of the list that no credential has had, for a new credential.

        Committed at once, apart from any transaction around it, so that two issues at
        the same moment never get the same position: the unique constraint lets only one
        of them have it, and the other tries another. A position reserved by an issue that
        then failed stays unused.
        """
        for _try in range(self.RANDOM_TRIES):
            try:
                with transaction.atomic():
                    return StatusListEntry.objects.create(
                        status_list=self, index=secrets.randbelow(self.length)
                    )
            except IntegrityError:
                continue
        while True:
            taken = set(self.entries.values_list("index", flat=True))
            free = [index for index in range(self.length) if index not in taken]
            if not free:
                raise StatusListFull(self.organisation.code)
            try:
                with transaction.atomic():
                    return StatusListEntry.objects.create(
                        status_list=self, index=secrets.choice(free)
                    )
            except IntegrityError:
                continue

    @classmethod
    def set_bit(cls, entry: "StatusListEntry") -> None:
        """Set the entry's bit, within the caller's transaction (the list's row is locked
        until it ends)."""
        with transaction.atomic():
            status_list = cls.objects.select_for_update().get(pk=entry.status_list_id)
            bits = bytes(status_list.bits)
            if status.is_set(bits, entry.index):
                return
            status_list.bits = status.with_bit(bits, entry.index)
            status_list.version += 1
            status_list.changed_at = timezone.now()
            status_list.save(update_fields=["bits", "version", "changed_at"])

    def signed(self) -> dict:
        """The list as a BitstringStatusListCredential signed with the organisation's key
        in use; signed again only when the bits or the key changed since it last was."""
        if self.credential is not None and self.credential_version == self.version:
            return self.credential
        key = OrganisationKey.current_for(self.organisation)
        now = timezone.now()
        document = key.sign(
            status.list_credential(
                self.url, key.did, bytes(self.bits), valid_from=now, purpose=self.purpose
            ),
            created=now,
        )
        # Kept only if no revocation came in between: that one's request signs again.
        StatusList.objects.filter(pk=self.pk, version=self.version).update(
            credential=document, credential_version=self.version, signed_at=now
        )
        self.credential, self.credential_version, self.signed_at = document, self.version, now
        return document


class StatusListEntry(models.Model):
    """A position of a status list, held by one credential (reserved before it is signed)."""

    status_list = models.ForeignKey(
        StatusList, on_delete=models.CASCADE, related_name="entries", editable=False
    )
    index = models.PositiveIntegerField(_("position"), editable=False)
    reserved_at = models.DateTimeField(_("reserved"), auto_now_add=True)

    class Meta:
        verbose_name = _("status list entry")
        verbose_name_plural = _("status list entries")
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "index"], name="one_credential_per_status_position"
            )
        ]

    def __str__(self):
        return f"{self.status_list_id}#{self.index}"

    def credential_status(self) -> dict:
        """The BitstringStatusListEntry that the credential carries."""
        return status.entry(self.status_list.url, self.index, self.status_list.purpose)


class NotReadyToIssue(Exception):
    """The organisation lacks what page 1 prints (Organisation.missing_for_issue)."""

    def __init__(self, missing):
        super().__init__(missing)
        self.missing = missing

    def __str__(self):
        return not_ready_message(self.missing)


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
    # The signed Open Badges 3.0 credential (certificates.credentials); none on
    # certificates issued before credentials were, and none once the holder's data is erased.
    credential = models.JSONField(_("signed credential"), null=True, blank=True, editable=False)
    # The credential's position in its organisation's status list, set when revoked or
    # replaced; none on certificates issued before status lists were, until signed again.
    status_entry = models.OneToOneField(
        StatusListEntry,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="certificate",
        editable=False,
        verbose_name=_("status list entry"),
    )
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
        signatures that the PDF and the rest of the snapshot hold are gone, and so is the
        signed credential, which holds the texts and the hash of the e-mail address.
        Returns the name of the stored PDF, for the caller to delete once the transaction
        has committed.
        """
        pdf_name = self.pdf.name
        self.snapshot = frozen.public_part(self.snapshot)
        self.pdf = ""
        self.credential = None
        self.save(update_fields=["snapshot", "pdf", "credential"])
        return pdf_name

    def sign_credential(
        self,
        key: OrganisationKey,
        email: str,
        *,
        signed_at: datetime.datetime | None = None,
        status_entry: StatusListEntry | None = None,
    ) -> dict:
        """The certificate's OpenBadgeCredential, signed with the organisation's key.

        Made from the frozen snapshot; the holder is identified by a salted hash of
        their e-mail address, with a salt of its own for each credential. Valid from the
        issue; the proof says when it was made (at issue, or later for a certificate
        issued before credentials were). With a status entry, the credential names its
        position in the organisation's status list, through which it is revoked.
        """
        unsigned = build_credential(
            self.snapshot,
            credential_id=self.verification_url,
            issuer_did=key.did,
            issued_at=self.issued_at,
            email=email,
            salt=new_salt(),
            status=status_entry.credential_status() if status_entry is not None else None,
        )
        return key.sign(unsigned, created=signed_at or self.issued_at)

    @classmethod
    def without_credential(cls):
        """Valid certificates issued before credentials, or before status lists, were,
        whose holder's data is still there (an erased holder's certificate keeps only its
        public part)."""
        return (
            cls.objects.valid()
            .filter(
                models.Q(credential__isnull=True) | models.Q(status_entry__isnull=True),
                participant__erased_at__isnull=True,
            )
            .select_related("participant__project__organisation")
        )

    def add_credential(self) -> bool:
        """Sign and store the credential, with a position in the organisation's status
        list, of a certificate issued without one; False when it has both already or is
        no longer valid. A credential without a status entry is signed again with one."""
        organisation = self.participant.project.organisation
        entry = StatusList.for_organisation(organisation).reserve()
        with transaction.atomic():
            current = (
                Certificate.objects.select_for_update()
                .filter(pk=self.pk, state=self.State.VALID)
                .filter(models.Q(credential__isnull=True) | models.Q(status_entry__isnull=True))
                .first()
            )
            if current is None or current.snapshot.get("erased"):
                entry.delete()
                return False
            key = OrganisationKey.current_for(organisation)
            self.credential = current.sign_credential(
                key, self.participant.email, signed_at=timezone.now(), status_entry=entry
            )
            self.status_entry = entry
            self.save(update_fields=["credential", "status_entry"])
            return True

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
        recorded. Replacing needs a reason; without one nothing is issued. Nor is
        anything issued while the organisation lacks what page 1 prints.
        """
        from certificates.rendering import render_certificate_pdf
        from certificates.sealing import seal_pdf
        from certificates.snapshot import build_snapshot, text_pages_of

        languages = list(dict.fromkeys(languages))
        if not languages:
            raise CertificateError("At least one language is needed.")
        if missing := participant.project.organisation.missing_for_issue():
            raise NotReadyToIssue(missing)
        reason = reason.strip()
        if participant.certificates.valid().filter(language__in=languages).exists() and not reason:
            raise CertificateError("Replacing a valid certificate needs a reason.")

        now = timezone.now()
        certificates = []
        organisation = participant.project.organisation
        key = OrganisationKey.current_for(organisation)
        status_list = StatusList.for_organisation(organisation)
        reserved = []
        try:
            # Rendering takes most of a second per language: done before the transaction,
            # so that the database is not held while WeasyPrint works.
            for language in languages:
                snapshot = build_snapshot(
                    participant, language, signature=signature, by=by, now=now
                )
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
                certificate.status_entry = status_list.reserve()
                reserved.append(certificate.status_entry.pk)
                # Signed before rendering, so that the PDF can carry it; sealed before
                # anything is stored: a certificate that cannot be sealed is not issued
                # (SealingError), like one that cannot be rendered.
                certificate.credential = certificate.sign_credential(
                    key, participant.email, status_entry=certificate.status_entry
                )
                pdf = seal_pdf(render_certificate_pdf(certificate), certificate)
                certificates.append((certificate, pdf))
            return cls._store_issued(participant, by, languages, reason, certificates)
        except Exception:
            # Positions of certificates that were not issued go back to the list.
            if not transaction.get_connection().needs_rollback:
                StatusListEntry.objects.filter(pk__in=reserved, certificate__isnull=True).delete()
            raise

    @classmethod
    def _store_issued(cls, participant, by, languages, reason, certificates):
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
        # A revoked or replaced certificate's credential is revoked in the same transaction.
        if state in (self.State.REVOKED, self.State.REPLACED) and self.status_entry_id:
            StatusList.set_bit(self.status_entry)
        forget_state(self.certificate_id)
