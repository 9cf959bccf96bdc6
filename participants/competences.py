"""The 8 Key Competences for Lifelong Learning (Council Recommendation of 22 May 2018).

Names are the official ones of the Recommendation (2018/C 189/01) in each language;
descriptions, reflection questions and examples are our own plain-language help for
participants. Frameworks are data in code, so nobody can delete one by accident.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Competence:
    key: str
    name: Promise
    description: Promise
    questions: tuple[Promise, ...]
    examples: tuple[Promise, ...]


KEY_COMPETENCES = (
    Competence(
        key="literacy",
        name=_("Literacy competence"),
        description=_(
            "Understanding, expressing and interpreting ideas, feelings and facts in spoken "
            "and written form, and using language well with other people."
        ),
        questions=(
            _("In which situations did you have to explain something clearly?"),
            _("What did you read, write or present during the project?"),
            _("How did you adapt the way you speak or write to different people?"),
        ),
        examples=(
            _("I wrote three articles for our project blog and learned to edit my own texts."),
        ),
    ),
    Competence(
        key="multilingual",
        name=_("Multilingual competence"),
        description=_(
            "Using different languages to communicate, and being curious about other "
            "languages and the cultures behind them."
        ),
        questions=(
            _("Which languages did you use, and for what?"),
            _("How did you make yourself understood when you lacked words?"),
            _("What did you learn about a language that was new to you?"),
        ),
        examples=(_("I can now hold a simple conversation in Spanish about everyday topics."),),
    ),
    Competence(
        key="stem",
        name=_("Mathematical competence and competence in science, technology and engineering"),
        description=_(
            "Using logical thinking, numbers, measurements and scientific ways of working "
            "to understand the world and solve practical problems."
        ),
        questions=(
            _("Did you plan a budget, measure, count or calculate something?"),
            _("Did you test an idea and learn from the result?"),
            _("Which practical or technical problems did you solve?"),
        ),
        examples=(_("I managed the food budget for 30 people and kept it within the limit."),),
    ),
    Competence(
        key="digital",
        name=_("Digital competence"),
        description=_(
            "Using digital tools confidently, critically and responsibly to find "
            "information, create content, communicate and stay safe online."
        ),
        questions=(
            _("Which digital tools did you use or learn during the project?"),
            _("What did you create or share online?"),
            _("How did you check whether information online was reliable?"),
        ),
        examples=(_("I edited a short video about our activities and published it safely."),),
    ),
    Competence(
        key="personal_social_learning",
        name=_("Personal, social and learning to learn competence"),
        description=_(
            "Reflecting on yourself, managing your time and learning, working with others "
            "and looking after your own well-being."
        ),
        questions=(
            _("What did you learn about yourself?"),
            _("How did you deal with a difficult moment or a conflict?"),
            _("How do you learn best, and how do you know?"),
            _("What would you like to learn next?"),
        ),
        examples=(
            _("I learned to ask for feedback and to use it instead of taking it personally."),
        ),
    ),
    Competence(
        key="citizenship",
        name=_("Citizenship competence"),
        description=_(
            "Taking part in the life of your community and society, understanding how it "
            "works and acting for the common good and sustainability."
        ),
        questions=(
            _("How did you take part in the life of the local community?"),
            _("Which social or political topics did you discuss or act on?"),
            _("What did you do for the environment or for people in need?"),
        ),
        examples=(_("I organised a neighbourhood clean-up with twelve local volunteers."),),
    ),
    Competence(
        key="entrepreneurship",
        name=_("Entrepreneurship competence"),
        description=_(
            "Acting on opportunities and ideas and turning them into something of value for "
            "others: planning, taking initiative and dealing with risk."
        ),
        questions=(
            _("Which idea of yours did you put into practice?"),
            _("How did you plan, organise or lead an activity?"),
            _("How did you handle uncertainty or a risk?"),
        ),
        examples=(_("I proposed and led a weekly game evening that is still running."),),
    ),
    Competence(
        key="cultural_awareness",
        name=_("Cultural awareness and expression competence"),
        description=_(
            "Understanding and respecting how ideas and meaning are expressed in different "
            "cultures, and expressing yourself through the arts and other forms."
        ),
        questions=(
            _("What did you notice about cultures different from your own?"),
            _("How did you express yourself creatively?"),
            _("Which of your own views or habits did you see differently afterwards?"),
        ),
        examples=(
            _("I prepared a workshop on traditional Latvian songs for the other participants."),
        ),
    ),
)

COMPETENCE_BY_KEY = {competence.key: competence for competence in KEY_COMPETENCES}
