"""The site itself as an app: what holds for every app's forms."""

from django import forms
from django.apps import AppConfig
from django.core.exceptions import ValidationError
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _

from youthpass_site.lib.collation import register_sqlite_collations
from youthpass_site.lib.text import has_control_characters

CONTROL_CHARACTERS_MESSAGE = _(
    "This contains control characters, which cannot be shown. Type the text again, or "
    "paste it as plain text."
)


def _run_validators(original):
    def run_validators(self, value):
        """The field's own validators, and no C0 or C1 control characters: none in a
        one-line field, none but tab and line breaks in a text box."""
        errors = []
        try:
            original(self, value)
        except ValidationError as error:
            errors.extend(error.error_list)
        multiline = isinstance(self.widget, forms.Textarea)
        if isinstance(value, str) and has_control_characters(value, multiline=multiline):
            errors.append(ValidationError(CONTROL_CHARACTERS_MESSAGE, code="control_characters"))
        if errors:
            raise ValidationError(errors)

    return run_validators


class SiteConfig(AppConfig):
    name = "youthpass_site"
    verbose_name = "Youthpass"

    def ready(self):
        # Every text field of every form (CharField and those built on it, such as
        # EmailField and URLField, in forms and model forms alike) refuses control
        # characters, so that none reaches the database, whichever app the form is in.
        forms.CharField.run_validators = _run_validators(forms.CharField.run_validators)
        # Names are sorted by the reader's language in the database; SQLite learns the
        # collations that PostgreSQL gets from a migration on each new connection.
        connection_created.connect(register_sqlite_collations)
