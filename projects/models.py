import base64
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

import audit
from projects.formats import PROGRAMME_OF_FORMAT, Format
from youthpass_site.lib.codes import new_url_code
from youthpass_site.lib.countries import Countries
from youthpass_site.lib.invitations import InvitationBase, InvitationStateError

# The certificate is laid out in bounded time only if what it prints is bounded:
# every text has a maximum length, and a project a maximum number of rows.
MAX_PARTNERS = 30
MAX_ACTIVITIES = 20

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    EDITOR = "editor", _("Editor")


class LastAdminError(Exception):
    """The change would leave the organisation without an admin."""


class AlreadyMemberError(Exception):
    """The person invited or accepting is a member of the organisation already."""


def logo_path(organisation, filename):
    # A new random name for every upload: a replaced logo never lingers under the old
    # name in a cache, and no name can be guessed from the organisation.
    return f"organisations/logos/{new_url_code(20)}.png"


class Missing(models.TextChoices):
    """What an organisation has yet to fill in before it may issue certificates."""

    ADDRESS = "address", _("the organisation’s address (street, town and country)")
    SIGNATORY = "signatory", _("the signatory: the legal representative or responsible person")


def not_ready_message(missing) -> str:
    """Why nothing can be issued yet, naming each missing item."""
    return _(
        "Certificates cannot be issued yet: the organisation’s settings lack what page 1 "
        "of a certificate prints. Fill in %(missing)s."
    ) % {"missing": "; ".join(str(Missing(item).label) for item in missing)}


class Organisation(models.Model):
    """A project implementer: the organisation that runs projects and issues certificates."""

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=20, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True, countries=Countries)
    website = models.URLField(_("website"), max_length=200, blank=True)
    logo = models.ImageField(
        _("logo"),
        upload_to=logo_path,
        blank=True,
        help_text=_("Printed on the certificates. PNG, JPEG or WebP, at most 2 MB."),
    )
    signatory_name = models.CharField(
        _("name of the signatory"),
        max_length=200,
        blank=True,
        help_text=_("The legal representative or the person responsible for the projects."),
    )
    signatory_role = models.CharField(
        _("role of the signatory"),
        max_length=100,
        blank=True,
        help_text=_("For example Director or Chair of the board."),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="organisations"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def found(cls, name, *, admin):
        """A new organisation with the person who set it up as its first admin."""
        with transaction.atomic():
            organisation = cls.objects.create(name=name)
            membership = Membership.objects.create(
                organisation=organisation, user=admin, role=MembershipRole.ADMIN
            )
            audit.record_membership(membership, actor=admin)
        return organisation

    def role_of(self, user) -> str | None:
        """The member's role ("admin" or "editor"), or None for anyone else."""
        if not user.is_authenticated:
            return None
        membership = self.memberships.filter(user=user).only("role").first()
        return membership.role if membership else None

    def lock(self):
        """Hold the organisation's row until the transaction ends.

        Every change of its members takes this lock first, so that two of them at the
        same moment (two admins demoting each other) are decided one after the other.
        """
        list(Organisation.objects.select_for_update().filter(pk=self.pk).values_list("pk"))

    def has_member_with_email(self, email: str) -> bool:
        return self.memberships.filter(user__email__iexact=email).exists()

    def invite_colleague(self, email: str, role: str, *, by, language: str):
        """Invite a colleague by e-mail to become a member with `role`.

        Returns the invitation and the secret token for the e-mailed link. A pending
        invitation to the same address is replaced (its link stops working). Raises
        AlreadyMemberError for an address that is a member already.
        """
        email = email.strip()
        with transaction.atomic():
            self.lock()
            if self.has_member_with_email(email):
                raise AlreadyMemberError(email)
            invitation, token = ColleagueInvitation.create_for(
                self, email=email, role=role, language=language, by=by
            )
            audit.record_invitation(invitation, "colleague_invited", actor=by)
        return invitation, token

    def pending_invitations(self):
        """Invitations neither accepted nor cancelled, expired ones included, newest first."""
        return self.colleague_invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True
        ).select_related("sent_by")

    @property
    def address_lines(self) -> list[str]:
        """The postal address as printed, without the lines that are empty."""
        town = " ".join(part for part in (self.postcode, self.town) if part)
        country = str(self.country.name) if self.country else ""
        return [line for line in (self.street, town, country) if line]

    def missing_for_issue(self) -> list[Missing]:
        """What page 1 of a certificate needs and the organisation has not filled in.

        Every way of issuing asks this and issues nothing while it is not empty: the
        certificate would otherwise print no address or an unnamed signatory.
        """
        missing = []
        if not (self.street.strip() and self.town.strip() and self.country):
            missing.append(Missing.ADDRESS)
        if not self.signatory_name.strip():
            missing.append(Missing.SIGNATORY)
        return missing

    def logo_png(self) -> bytes | None:
        """The stored logo, only if it is the PNG that the upload was re-encoded to."""
        if not self.logo:
            return None
        try:
            with self.logo.open("rb") as logo:
                data = logo.read()
        except OSError:
            return None
        return data if data.startswith(PNG_SIGNATURE) else None

    def logo_data_uri(self) -> str | None:
        data = self.logo_png()
        if data is None:
            return None
        return "data:image/png;base64," + base64.b64encode(data).decode("ascii")


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    role = models.CharField(
        _("role"), max_length=10, choices=MembershipRole, default=MembershipRole.EDITOR
    )
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def _other_admins_exist(self) -> bool:
        return (
            Membership.objects.filter(
                organisation_id=self.organisation_id, role=MembershipRole.ADMIN
            )
            .exclude(pk=self.pk)
            .exists()
        )

    def change_role(self, role: str, *, by) -> bool:
        """Give the member another role; returns whether anything changed.

        The last admin cannot become an editor: raises LastAdminError. Decided under the
        organisation's lock, so two admins demoting each other cannot leave none.
        """
        role = MembershipRole(role)
        with transaction.atomic():
            self.organisation.lock()
            current = Membership.objects.filter(pk=self.pk).values_list("role", flat=True)
            current_role = current.first()
            if current_role is None or current_role == role:
                return False
            if current_role == MembershipRole.ADMIN and not self._other_admins_exist():
                raise LastAdminError
            self.role = role
            self.save(update_fields=["role"])
            audit.record_membership(self, actor=by)
        return True

    def remove(self, *, by):
        """Take the person out of the organisation: they lose its projects at once.

        The last admin cannot be removed: raises LastAdminError.
        """
        with transaction.atomic():
            self.organisation.lock()
            current = Membership.objects.filter(pk=self.pk).values_list("role", flat=True)
            role = current.first()
            if role is None:
                return  # Removed meanwhile.
            if role == MembershipRole.ADMIN and not self._other_admins_exist():
                raise LastAdminError
            self.delete()
            audit.record_membership(self, actor=by, removed=True)


class ColleagueInvitation(InvitationBase):
    """An e-mailed link that makes whoever follows it a member of the organisation."""

    invited = "organisation"

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="colleague_invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=10, choices=MembershipRole)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)

    class Meta(InvitationBase.Meta):
        verbose_name = _("colleague invitation")
        verbose_name_plural = _("colleague invitations")

    def __str__(self):
        return f"{self.email} – {self.organisation} ({self.created_at:%Y-%m-%d})"

    @classmethod
    def create_for(cls, organisation, *, email, role, language, by):
        """A new invitation; the pending ones to the same address stop working."""
        pending = cls.objects.filter(
            organisation=organisation,
            email__iexact=email,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        )
        return cls.issue(
            pending,
            by=by,
            organisation=organisation,
            email=email,
            role=MembershipRole(role),
            language=language,
        )

    @classmethod
    def related_to_link(cls):
        return ("organisation", "sent_by")

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def send_again(self, *, by):
        """A fresh invitation with the same address and role; this one stops working."""
        with transaction.atomic():
            self.organisation.lock()
            if not type(self).objects.filter(pk=self.pk, accepted_at__isnull=True).exists():
                raise InvitationStateError
            if self.organisation.has_member_with_email(self.email):
                raise AlreadyMemberError(self.email)
            invitation, token = type(self).create_for(
                self.organisation,
                email=self.email,
                role=self.role,
                language=self.language,
                by=by,
            )
            audit.record_invitation(invitation, "colleague_invited", actor=by)
        return invitation, token

    def cancel(self, *, by):
        """Withdraw a pending invitation: its link stops working."""
        with transaction.atomic():
            now = timezone.now()
            cancelled = (
                type(self)
                .objects.filter(pk=self.pk, accepted_at__isnull=True, revoked_at__isnull=True)
                .update(revoked_at=now)
            )
            if not cancelled:
                raise InvitationStateError
            self.revoked_at = now
            audit.record_invitation(self, "colleague_invitation_cancelled", actor=by)

    def accept(self, user):
        """Make `user` a member with the invited role: all or nothing, and only once.

        Raises AlreadyMemberError for someone who is a member already (the invitation
        stays usable), InvitationStateError for one used, cancelled or run out meanwhile.
        """
        with transaction.atomic():
            self.organisation.lock()
            if self.organisation.memberships.filter(user=user).exists():
                raise AlreadyMemberError(user.email)
            self.mark_accepted()
            membership = Membership.objects.create(
                organisation=self.organisation, user=user, role=self.role
            )
            audit.record_invitation(self, "colleague_joined", actor=user, member=membership.user_id)
        return membership


# The choice of reminders before a project's deadline, in days.
REMINDER_DAY_CHOICES = (14, 7, 3, 1)


def default_reminder_days():
    return [7, 1]


def validate_reminder_days(value):
    if not isinstance(value, list) or not set(value) <= set(REMINDER_DAY_CHOICES):
        raise ValidationError(_("Choose the reminders from the list."), code="invalid_choice")


class SubmissionNotices(models.TextChoices):
    """When the organisers hear of self-assessments handed in for review."""

    EACH = "each", _("An e-mail for each submission")
    DAILY = "daily", _("One e-mail a day listing the submissions")
    OFF = "off", _("No e-mails")


class ProjectQuerySet(models.QuerySet):
    def for_member(self, user):
        return self.filter(organisation__memberships__user=user)


class Project(models.Model):
    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="projects",
        verbose_name=_("organisation"),
    )
    format = models.CharField(_("format"), max_length=30, choices=Format)
    title = models.CharField(_("title"), max_length=200)
    grant_number = models.CharField(
        _("project or grant number"),
        max_length=40,
        blank=True,
        help_text=_("As in the grant agreement, e.g. 2024-1-LV01-KA152-YOU-000123456."),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue_town = models.CharField(_("venue (town)"), max_length=100)
    venue_country = CountryField(_("venue (country)"), countries=Countries)
    description = models.TextField(
        _("short description"),
        max_length=2000,
        blank=True,
        help_text=_("A few sentences about the project, printed on the certificate."),
    )
    print_part3 = models.BooleanField(
        _("Print Part 3 (description of activities)"),
        default=False,
        help_text=_(
            "The activities described on the project page are then printed on every "
            "certificate of the project."
        ),
    )
    deadline = models.DateField(
        _("deadline for self-assessments"),
        null=True,
        blank=True,
        help_text=_("Participants who have not submitted by then are reminded before it."),
    )
    reminder_days = models.JSONField(
        _("reminders"),
        default=default_reminder_days,
        blank=True,
        validators=[validate_reminder_days],
        help_text=_("How many days before the deadline reminders go out."),
    )
    submission_notices = models.CharField(
        _("e-mails about submissions"),
        max_length=10,
        choices=SubmissionNotices,
        default=SubmissionNotices.EACH,
        help_text=_(
            "Sent to the organisation's admins and editors when a participant submits or "
            "resubmits a self-assessment for review."
        ),
    )
    # When the last daily list of submissions went out (participants.notices).
    submission_digest_at = models.DateTimeField(
        _("last daily list of submissions"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Retention (privacy.retention): when the organisation's admins were warned, and
    # when the participants' records were pseudonymised.
    retention_warned_60_at = models.DateTimeField(
        _("retention warning (60 days) sent"), null=True, blank=True, editable=False
    )
    retention_warned_7_at = models.DateTimeField(
        _("retention warning (7 days) sent"), null=True, blank=True, editable=False
    )
    pseudonymised_at = models.DateTimeField(
        _("pseudonymised"), null=True, blank=True, editable=False
    )

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dashboard:project", args=[self.code])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})
        if self.deadline and self.start_date and self.deadline < self.start_date:
            raise ValidationError(
                {"deadline": _("The deadline cannot be before the project starts.")}
            )

    @property
    def programme(self):
        return PROGRAMME_OF_FORMAT[Format(self.format)]

    def role_of(self, user) -> str | None:
        """The user's role in this project through its organisation, or None."""
        return self.organisation.role_of(user)

    # Reminders before the deadline (dashboard.reminders sends them).

    def pending_reminder_days(self, today: datetime.date, handled: set[int]) -> list[int]:
        """The reminder days (days before the deadline) still to come, largest first.

        `handled` holds the days already sent or passed over for the current deadline.
        Nothing is pending once the deadline has come, or for a pseudonymised project.
        """
        if self.deadline is None or self.pseudonymised_at is not None:
            return []
        if today >= self.deadline:
            return []
        days = {d for d in self.reminder_days if d in REMINDER_DAY_CHOICES} - handled
        return sorted(days, reverse=True)

    def due_reminder_days(self, today: datetime.date, handled: set[int]) -> list[int]:
        """The pending reminder days whose date has come, largest first."""
        return [
            days
            for days in self.pending_reminder_days(today, handled)
            if self.deadline - datetime.timedelta(days=days) <= today
        ]


class PartnerOrganisation(models.Model):
    """An organisation that runs the project together with the organiser."""

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="partners", verbose_name=_("project")
    )
    name = models.CharField(_("name"), max_length=200)
    town = models.CharField(_("town"), max_length=100)
    country = CountryField(_("country"), countries=Countries)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    """One activity of the project, described in Part 3 of the certificate."""

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="activities", verbose_name=_("project")
    )
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    venue_town = models.CharField(_("venue (town)"), max_length=100, blank=True)
    venue_country = CountryField(_("venue (country)"), blank=True, countries=Countries)
    organisations_in_charge = models.TextField(
        _("organisations in charge"),
        max_length=500,
        blank=True,
        help_text=_("The organisations that prepared and ran this activity."),
    )
    aims = models.TextField(_("aims"), max_length=1500, blank=True)
    activities = models.TextField(
        _("activities"),
        max_length=1500,
        blank=True,
        help_text=_("What the participants did, and how."),
    )
    results = models.TextField(_("results"), max_length=1500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["start_date", "end_date", "title", "pk"]

    def __str__(self):
        return self.title

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The activity cannot end before it starts.")})
