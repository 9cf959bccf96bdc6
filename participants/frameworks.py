"""What the certificate holds for each project format.

Every format describes learning by one competence framework (see DESIGN.md): the mobility
of youth workers and the Training and Cooperation Activities by the ETS Competence Model for
Youth Workers, every other format by the 8 Key Competences for Lifelong Learning. Some
formats add sections of their own that the participant writes next to the competences.
Volunteers of the European Solidarity Corps also take part in a training and evaluation
cycle, which the organisers record and Part 1 names.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from participants.competences import KEY_COMPETENCES, YOUTH_WORKER_COMPETENCES, Competence
from projects.formats import Format


class Framework(NamedTuple):
    key: str
    name: Promise
    competences: tuple[Competence, ...]


KEY_COMPETENCES_FRAMEWORK = Framework(
    "key_competences", _("Key Competences for Lifelong Learning"), KEY_COMPETENCES
)
YOUTH_WORKERS_FRAMEWORK = Framework(
    "ets_youth_workers", _("ETS Competence Model for Youth Workers"), YOUTH_WORKER_COMPETENCES
)


# Formats whose participants are youth workers and others active in youth work.
YOUTH_WORKER_FORMATS = (Format.YOUTH_WORKERS_MOBILITY, Format.TRAINING_COOPERATION)


def framework_for(project_format: str) -> Framework:
    """The framework of a format: (key, name, competences)."""
    if project_format in YOUTH_WORKER_FORMATS:
        return YOUTH_WORKERS_FRAMEWORK
    return KEY_COMPETENCES_FRAMEWORK


@dataclass(frozen=True)
class Section:
    """A text of its own that a format adds to Part 2, stored on the participant's record.

    The key is the name of the Participant field that holds the text.
    """

    key: str
    title: Promise
    help_text: Promise


TASKS = Section(
    "tasks",
    _("Tasks"),
    _(
        "What you did as a volunteer: your main tasks and responsibilities, with whom, and "
        "how often. Printed on your certificate under this title."
    ),
)
TRAINING_ACTIVITIES = Section(
    "training_activities",
    _("Training activities"),
    _(
        "Trainings, seminars and other learning activities that you took part in, such as the "
        "on-arrival training or the mid-term meeting, with their dates where you know them."
    ),
)
PROFESSIONAL_COMPETENCES = Section(
    "professional_competences",
    _("Professional competences"),
    _(
        "Your tasks in the traineeship or job, and the professional skills and knowledge that "
        "you developed through them."
    ),
)

SECTIONS_OF_FORMAT = {
    Format.VOLUNTEERING: (TASKS, TRAINING_ACTIVITIES),
    Format.HUMANITARIAN_AID_VOLUNTEERING: (TASKS, TRAINING_ACTIVITIES),
    Format.TRAINEESHIP_JOB: (PROFESSIONAL_COMPETENCES,),
}

ALL_SECTIONS = (TASKS, TRAINING_ACTIVITIES, PROFESSIONAL_COMPETENCES)


def sections_for(project_format: str) -> tuple[Section, ...]:
    """The extra sections of Part 2 that a format has, in printed order; often none."""
    return SECTIONS_OF_FORMAT.get(project_format, ())


class TrainingEvent(NamedTuple):
    """An event of the volunteers' training and evaluation cycle.

    The key is stored in Participant.training_cycle and must never change.
    """

    key: str
    name: Promise
    date_label: Promise


PRE_DEPARTURE = TrainingEvent(
    "pre_departure", _("Pre-departure training"), _("Date of the pre-departure training")
)
ON_ARRIVAL = TrainingEvent(
    "on_arrival", _("On-arrival training"), _("Date of the on-arrival training")
)
MID_TERM = TrainingEvent("mid_term", _("Mid-term evaluation"), _("Date of the mid-term evaluation"))

# In the order in which a volunteer meets them. The mid-term evaluation is for long-term
# volunteers, and humanitarian aid volunteers are trained before they leave: the
# organisers tick the events that the volunteer took part in.
TRAINING_CYCLE_OF_FORMAT = {
    Format.VOLUNTEERING: (ON_ARRIVAL, MID_TERM),
    Format.HUMANITARIAN_AID_VOLUNTEERING: (PRE_DEPARTURE, ON_ARRIVAL, MID_TERM),
}

ALL_TRAINING_EVENTS = (PRE_DEPARTURE, ON_ARRIVAL, MID_TERM)


def training_cycle_for(project_format: str) -> tuple[TrainingEvent, ...]:
    """The events of the training and evaluation cycle that a format has; often none."""
    return TRAINING_CYCLE_OF_FORMAT.get(project_format, ())
