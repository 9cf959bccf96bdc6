from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from projects.formats import PROGRAMME_OF_FORMAT, Format
from youthpass_site.lib.codes import new_url_code


class Role(models.TextChoices):
    ADMIN = "admin", _("Organisation admin")
    EDITOR = "editor", _("Editor")


class Organisation(models.Model):
    """A project implementer: the organisation that runs projects and issues certificates."""

    code = models.CharField(max_length=12, unique=True, default=new_url_code, editable=False)
    name = models.CharField(_("name"), max_length=200)
    town = models.CharField(_("town"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
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

    def role_of(self, user) -> str | None:
        """The member's role ("admin" or "editor"), or None for anyone else."""
        if not user.is_authenticated:
            return None
        membership = self.memberships.filter(user=user).only("role").first()
        return membership.role if membership else None


class Membership(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role, default=Role.EDITOR)
    created_at = models.DateTimeField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership_each")
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"


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
    venue_country = CountryField(_("venue (country)"))
    description = models.TextField(
        _("short description"),
        max_length=2000,
        blank=True,
        help_text=_("A few sentences about the project, printed on the certificate."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("projects:detail", args=[self.code])

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The project cannot end before it starts.")})

    @property
    def programme(self):
        return PROGRAMME_OF_FORMAT[Format(self.format)]

    def role_of(self, user) -> str | None:
        """The user's role in this project through its organisation, or None."""
        return self.organisation.role_of(user)
