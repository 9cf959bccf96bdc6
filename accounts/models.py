from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from youthpass_site.lib.tokens import hash_token, new_token, plausible


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser needs is_staff and is_superuser.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person: one account whatever roles they hold in which projects."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of e-mails sent to this person."),
    )
    submission_notices = models.BooleanField(
        _("e-mails about submissions"),
        default=True,
        help_text=_(
            "Each project's edit page says whether these come for each submission, once a "
            "day or not at all."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class SignupRequestQuerySet(models.QuerySet):
    def usable(self):
        return self.filter(expires_at__gt=timezone.now())


class SignupRequest(models.Model):
    """An organiser's sign-up, waiting until they confirm their e-mail address.

    Nothing else exists before the confirmation, so nobody can take an address that is
    not theirs. Only a hash of the e-mailed token is stored, and the password only as
    Django hashes it.
    """

    MAX_AGE = timedelta(days=2)

    token_hash = models.CharField(max_length=64, unique=True)
    email = models.EmailField(_("e-mail address"))
    first_name = models.CharField(_("first name"), max_length=150)
    last_name = models.CharField(_("last name"), max_length=150)
    organisation_name = models.CharField(_("organisation"), max_length=200)
    password = models.CharField(_("password"), max_length=128)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))

    objects = SignupRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("sign-up request")
        verbose_name_plural = _("sign-up requests")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @classmethod
    def start(cls, *, email, first_name, last_name, organisation_name, password, language):
        """Record the request; returns the secret token for the confirmation link."""
        token = new_token()
        now = timezone.now()
        cls.objects.create(
            token_hash=hash_token(token),
            email=email,
            first_name=first_name,
            last_name=last_name,
            organisation_name=organisation_name,
            password=make_password(password),
            language=language,
            created_at=now,
            expires_at=now + cls.MAX_AGE,
        )
        return token

    @classmethod
    def find_usable(cls, token: str):
        if not plausible(token):
            return None
        return cls.objects.usable().filter(token_hash=hash_token(token)).first()

    def create_account(self):
        """Create the account asked for; None if the address was taken meanwhile.

        The person's sign-up requests go either way. Whatever else the sign-up sets up
        belongs in the caller's transaction, so that it is all stored or none of it.
        """
        with transaction.atomic():
            if User.objects.filter(email__iexact=self.email).exists():
                self.delete()
                return None
            user = User.objects.create(
                email=self.email,
                password=self.password,
                first_name=self.first_name,
                last_name=self.last_name,
                language=self.language,
            )
            SignupRequest.objects.filter(email__iexact=self.email).delete()
        return user
