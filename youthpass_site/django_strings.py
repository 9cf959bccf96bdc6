"""Django's own strings that its Latvian catalogue lacks, translated in ours (LOCALE_PATHS
comes first). makemessages finds them here."""

from django.utils.translation import gettext_noop

MISSING_IN_DJANGO = [
    # The empty choice of every select (django.db.models.fields.BLANK_CHOICE_LABEL).
    gettext_noop("- Select an option -"),
]
