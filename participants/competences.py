"""The competences that participants describe their learning by, in Part 2 of the certificate.

Two frameworks (see participants.frameworks for which format uses which):

- the 8 Key Competences for Lifelong Learning (Council Recommendation of 22 May 2018),
  whose names are the official ones of the Recommendation (2018/C 189/01) in each language;
- the 9 areas of the ETS Competence Model for Youth Workers (European Training Strategy in
  the field of youth, SALTO Training and Cooperation), for the mobility of youth workers.

Descriptions, reflection questions and examples are our own plain-language help for
participants. Frameworks are data in code, so nobody can delete one by accident; keys are
stored with every learning outcome and must never change.
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

YOUTH_WORKER_COMPETENCES = (
    Competence(
        key="facilitating_learning",
        name=_("Facilitating learning"),
        description=_(
            "Helping individuals and groups to find out what they want to learn and to learn "
            "it, with methods and tools chosen or created for them, in person and online."
        ),
        questions=(
            _("Which learning activities did you prepare or lead, and how did they go?"),
            _("How did you find out what the participants needed or wanted to learn?"),
            _("Which methods or tools did you try for the first time?"),
            _("How did you adapt an activity when it did not work as planned?"),
        ),
        examples=(
            _(
                "I ran a session on active listening and changed it on the spot when the group "
                "needed more time to practise."
            ),
        ),
    ),
    Competence(
        key="designing_programmes",
        name=_("Designing programmes"),
        description=_(
            "Planning activities and programmes that answer the needs and realities of young "
            "people, built on the principles of non-formal learning and with clear aims."
        ),
        questions=(
            _("Which programme, session or activity did you help to design?"),
            _("How did you take the needs and backgrounds of the young people into account?"),
            _("How did you make sure that the aims were clear and could be reached?"),
        ),
        examples=(
            _(
                "With two colleagues I designed a three-day programme on media literacy, from "
                "the needs analysis to the daily flow."
            ),
        ),
    ),
    Competence(
        key="managing_resources",
        name=_("Managing resources"),
        description=_(
            "Organising people, time, money, materials and information well, keeping "
            "participants safe and motivated, and dealing with risks."
        ),
        questions=(
            _("What did you organise or coordinate: a budget, a venue, a timetable, a team?"),
            _("How did you deal with a risk or with something unexpected?"),
            _("What did you learn about keeping participants motivated and safe?"),
        ),
        examples=(
            _("I prepared the risk assessment for our outdoor activities and briefed the team."),
        ),
    ),
    Competence(
        key="collaborating_in_teams",
        name=_("Collaborating in teams"),
        description=_(
            "Working well in a team: sharing tasks and responsibility, giving and receiving "
            "feedback, and dealing with tensions in a constructive way."
        ),
        questions=(
            _("What was your role in the team, and did it change?"),
            _("How did the team share tasks and make decisions?"),
            _("How did you give or receive feedback?"),
            _("How did you handle a disagreement?"),
        ),
        examples=(
            _(
                "In a team of trainers from four countries I learned to raise a concern early "
                "instead of avoiding it."
            ),
        ),
    ),
    Competence(
        key="communicating_meaningfully",
        name=_("Communicating meaningfully"),
        description=_(
            "Communicating clearly and respectfully with young people, colleagues and others: "
            "listening actively and choosing the right words and channel for each situation."
        ),
        questions=(
            _("When did you have to communicate something difficult or complex?"),
            _("How did you make sure that you understood others and that they understood you?"),
            _("Which channels did you use (face to face, online, in writing), and what worked?"),
        ),
        examples=(_("I learned to sum up a group discussion so that everybody felt heard."),),
    ),
    Competence(
        key="intercultural_sensitivity",
        name=_("Displaying intercultural sensitivity"),
        description=_(
            "Being aware of your own culture and assumptions, respecting diversity, and helping "
            "people from different backgrounds to work and learn together."
        ),
        questions=(
            _("When did you notice your own assumptions or habits?"),
            _("How did you handle a misunderstanding between people of different backgrounds?"),
            _("What did you do so that everybody felt included?"),
        ),
        examples=(
            _(
                "I noticed how my own idea of punctuality shaped what I expected from others, "
                "and agreed on shared rules with the group instead."
            ),
        ),
    ),
    Competence(
        key="networking_advocating",
        name=_("Networking and advocating"),
        description=_(
            "Building contacts and partnerships, and speaking up for young people and youth "
            "work towards decision makers, partners and the public."
        ),
        questions=(
            _("Which new contacts or partnerships did you make, and what will come of them?"),
            _("How did you present youth work or your organisation to others?"),
            _("Did you speak up for the interests of young people? How?"),
        ),
        examples=(
            _(
                "I met three organisations from Portugal and Estonia, and we are now preparing "
                "a project together."
            ),
        ),
    ),
    Competence(
        key="assessing_evaluating",
        name=_("Assessing and evaluating"),
        description=_(
            "Planning and carrying out evaluation, collecting feedback and evidence, and using "
            "what you find to improve activities and to make learning visible."
        ),
        questions=(
            _("How did you evaluate an activity that you were involved in?"),
            _("Which evaluation or feedback methods did you use or learn?"),
            _("What did you change because of the feedback?"),
            _("How do you help participants to recognise what they learned?"),
        ),
        examples=(
            _(
                "I used a short evaluation method at the end of each day and adjusted the next "
                "day's programme to the results."
            ),
        ),
    ),
    Competence(
        key="civic_engagement",
        name=_("Being civically engaged"),
        description=_(
            "Acting on values such as democracy, human rights, inclusion and sustainability, "
            "and encouraging young people to take an active part in society."
        ),
        questions=(
            _("Which values guide your work with young people?"),
            _("How do you encourage young people to take part in their community?"),
            _("What did you do for inclusion, human rights or sustainability?"),
        ),
        examples=(
            _("I introduced a simple way for the participants to vote on the programme."),
            _("I now plan every activity so that young people with fewer opportunities can join."),
        ),
    ),
)

COMPETENCE_BY_KEY = {
    competence.key: competence for competence in (*KEY_COMPETENCES, *YOUTH_WORKER_COMPETENCES)
}
