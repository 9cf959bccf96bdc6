"""What Part 2 of the certificate holds for each project format.

Every format describes learning by one competence framework (see DESIGN.md): the mobility
of youth workers by the ETS Competence Model for Youth Workers, every other format by the
8 Key Competences for Lifelong Learning. Some formats add sections of their own that the
participant writes next to the competences.
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


def framework_for(project_format: str) -> Framework:
    """The framework of a format: (key, name, competences)."""
    if project_format == Format.YOUTH_WORKERS_MOBILITY:
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
    Format.TRAINEESHIP_JOB: (PROFESSIONAL_COMPETENCES,),
}

ALL_SECTIONS = (TASKS, TRAINING_ACTIVITIES, PROFESSIONAL_COMPETENCES)


def sections_for(project_format: str) -> tuple[Section, ...]:
    """The extra sections of Part 2 that a format has, in printed order; often none."""
    return SECTIONS_OF_FORMAT.get(project_format, ())
