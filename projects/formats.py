"""Project formats of Erasmus+ Youth and the European Solidarity Corps.

Each format names its programme and the competence framework of Part 2 of the
certificate.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Programme(models.TextChoices):
    ERASMUS_YOUTH = "erasmus_youth", _("Erasmus+ Youth")
    SOLIDARITY_CORPS = "solidarity_corps", _("European Solidarity Corps")


class Format(models.TextChoices):
    YOUTH_EXCHANGE = "youth_exchange", _("Youth Exchange")
    YOUTH_PARTICIPATION = "youth_participation", _("Youth Participation Activity")
    YOUTH_WORKERS_MOBILITY = (
        "youth_workers_mobility",
        _("Mobility of Youth Workers"),
    )
    DISCOVER_EU_INCLUSION = "discover_eu_inclusion", _("DiscoverEU Inclusion Action")
    VOLUNTEERING = "volunteering", _("Volunteering")
    SOLIDARITY_PROJECT = "solidarity_project", _("Solidarity Project")
    TRAINEESHIP_JOB = "traineeship_job", _("Traineeship or Job")
    HUMANITARIAN_AID_VOLUNTEERING = (
        "humanitarian_aid_volunteering",
        _("Volunteering in Humanitarian Aid"),
    )
    TRAINING_COOPERATION = (
        "training_cooperation",
        _("Training and Cooperation Activity"),
    )


PROGRAMME_OF_FORMAT = {
    Format.YOUTH_EXCHANGE: Programme.ERASMUS_YOUTH,
    Format.YOUTH_PARTICIPATION: Programme.ERASMUS_YOUTH,
    Format.YOUTH_WORKERS_MOBILITY: Programme.ERASMUS_YOUTH,
    Format.DISCOVER_EU_INCLUSION: Programme.ERASMUS_YOUTH,
    Format.VOLUNTEERING: Programme.SOLIDARITY_CORPS,
    Format.SOLIDARITY_PROJECT: Programme.SOLIDARITY_CORPS,
    Format.TRAINEESHIP_JOB: Programme.SOLIDARITY_CORPS,
    Format.HUMANITARIAN_AID_VOLUNTEERING: Programme.SOLIDARITY_CORPS,
    Format.TRAINING_COOPERATION: Programme.ERASMUS_YOUTH,
}

# Where a format belongs to a part of its programme with a name of its own, the certificate
# names the programme with it, in the programme's own words.
PROGRAMME_WORDING = {
    Format.HUMANITARIAN_AID_VOLUNTEERING: _(
        "European Solidarity Corps – European Voluntary Humanitarian Aid Corps"
    ),
}


def programme_wording(project_format: str):
    """How the certificate names the programme of a format."""
    return PROGRAMME_WORDING.get(project_format, PROGRAMME_OF_FORMAT[Format(project_format)].label)
