import math
from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.invitations import answer_invitation, invitation_not_usable, invite_again, invite_new
from participants import emails, notices
from participants.access import participant_for_editor, participant_for_holder
from participants.forms import (
    CertificateLanguagesForm,
    DialoguePartnerForm,
    EvidenceFormSet,
    OutcomesForm,
    ParticipantAddForm,
    PeriodForm,
    PersonalDataForm,
    RefereeFormSet,
    ReviewForm,
    TrainingCycleForm,
)
from participants.history import review_rows, review_summary
from participants.models import Goal, Invitation, ParticipantState, Review, TransitionError
from participants.versioned_save import damaged_form_errors
from projects.access import project_for_member, refuse_if_pseudonymised

# Organisers


@login_required
def participant_add(request, project_code):
    project = project_for_member(request, project_code)
    if refused := refuse_if_pseudonymised(request, project):
        return refused
    form = ParticipantAddForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        participant = form.save(commit=False)
        participant.project = project
        participant.save()
        # Someone without an account yet reads it in the language the organisers chose.
        invite_new(
            request,
            participant,
            send=emails.send_invitation,
            language=participant.language,
            invite=form.cleaned_data["send_invitation"],
        )
        if "add_another" in request.POST:
            return redirect("participants:add", project.code)
        return redirect(project)
    return render(request, "participants/participant_add.html", {"project": project, "form": form})


def _manage_page(
    request, participant, period_form=None, review_form=None, training_cycle_form=None
):
    outcomes = participant.filled_outcomes()
    sections = participant.filled_sections()
    summary = review_summary(participant)
    if review_form is None and participant.state == ParticipantState.SUBMITTED:
        review_form = _review_form(participant, outcomes, sections)
    return render(
        request,
        "participants/participant_manage.html",
        {
            "project": participant.project,
            "participant": participant,
            "framework": participant.framework,
            "rows": review_rows(
                participant,
                outcomes,
                sections,
                form=review_form,
                previous=summary["previous_submission"],
                last_comments=summary["last_comments"],
            ),
            "evidence": participant.evidence_links.all(),
            "referees": participant.referees.all(),
            "invitation": participant.invitations.first(),
            "review_form": review_form,
            "period_form": period_form or PeriodForm(participant=participant),
            "training_cycle_form": (
                training_cycle_form or TrainingCycleForm(participant=participant)
                if participant.training_events
                else None
            ),
            **summary,
        },
    )


def _review_form(participant, outcomes, sections, data=None):
    keys = [(competence.key, competence.name) for competence, _outcome in outcomes]
    keys += [(section.key, section.title) for section, _text in sections]
    return ReviewForm(data, sections=keys)


@login_required
def participant_manage(request, project_code, participant_code):
    participant = participant_for_editor(request, project_code, participant_code)
    return _manage_page(request, participant)


@require_POST
@login_required
def participant_period(request, project_code, participant_code):
    participant = participant_for_editor(request, project_code, participant_code)
    form = PeriodForm(request.POST, participant=participant)
    if not form.is_valid():
        messages.error(request, _("The period was not saved. Check the dates below."))
        return _manage_page(request, participant, period_form=form)
    form.save()
    if participant.has_own_period:
        messages.success(
            request,
            _("Saved: %(name)s took part from %(start)s to %(end)s.")
            % {
                "name": participant.full_name,
                "start": date_format(participant.period[0], "DATE_FORMAT"),
                "end": date_format(participant.period[1], "DATE_FORMAT"),
            },
        )
    else:
        messages.success(
            request,
            _("Saved: %(name)s took part for the whole project.") % {"name": participant.full_name},
        )
    return redirect("participants:manage", project_code, participant_code)


@require_POST
@login_required
def participant_training_cycle(request, project_code, participant_code):
    participant = participant_for_editor(request, project_code, participant_code)
    if not participant.training_events:
        messages.error(
            request,
            _("The format of this project has no training and evaluation cycle to record."),
        )
        return redirect("participants:manage", project_code, participant_code)
    form = TrainingCycleForm(request.POST, participant=participant)
    if not form.is_valid():
        messages.error(
            request, _("The training and evaluation cycle was not saved. Check the dates below.")
        )
        return _manage_page(request, participant, training_cycle_form=form)
    form.save()
    messages.success(
        request,
        _("Saved the training and evaluation cycle of %(name)s.") % {"name": participant.full_name},
    )
    return redirect("participants:manage", project_code, participant_code)


@require_POST
@login_required
def participant_invite(request, project_code, participant_code):
    participant = participant_for_editor(request, project_code, participant_code)
    if refused := refuse_if_pseudonymised(request, participant.project):
        return refused
    invite_again(request, participant, send=emails.send_invitation, language=participant.language)
    return redirect("participants:manage", project_code, participant_code)


@require_POST
@login_required
def participant_review(request, project_code, participant_code):
    """Approve or return a submitted self-assessment, with comments section by section."""
    participant = participant_for_editor(request, project_code, participant_code)
    if participant.state != ParticipantState.SUBMITTED:
        messages.error(request, _("Only a submitted self-assessment can be reviewed."))
        return redirect("participants:manage", project_code, participant_code)
    form = _review_form(
        participant, participant.filled_outcomes(), participant.filled_sections(), request.POST
    )
    if not form.is_valid():
        messages.error(request, _("Nothing was saved. Check the review below."))
        return _manage_page(request, participant, review_form=form)
    decide = (
        participant.approve
        if form.cleaned_data["decision"] == "approve"
        else participant.return_for_changes
    )
    try:
        review = decide(
            by=request.user,
            comment=form.cleaned_data["comment"],
            section_comments=form.section_comments(),
        )
    except TransitionError:
        # Another organiser decided in the meantime.
        messages.error(request, _("Only a submitted self-assessment can be reviewed."))
        return redirect("participants:manage", project_code, participant_code)
    if review.decision == Review.Decision.APPROVED:
        emails.send_approved(participant, review)
        messages.success(request, _("Self-assessment approved. You can issue the certificate."))
    else:
        emails.send_returned(participant, review)
        messages.success(
            request,
            _("Returned to %(name)s with your comment.") % {"name": participant.full_name},
        )
    return redirect("participants:manage", project_code, participant_code)


# Participants


@login_required
def my_participations(request):
    participations = (
        request.user.participations.select_related("project__organisation")
        .prefetch_related("certificates")
        .order_by("-project__start_date")
    )
    return render(request, "participants/mine.html", {"participations": participations})


def _posted(request):
    # An empty POST (every box unticked) is still a submission to validate.
    return request.POST if request.method == "POST" else None


def _closed(request, participant):
    """Where a participant lands who tries to edit a record that is not open for editing."""
    if participant.can_edit:
        return None
    messages.info(request, _("Your data is with the organisers for review and cannot change now."))
    return redirect("participants:detail", participant.code)


@login_required
def participation_detail(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    goals = participant.goals.aggregate(
        total=Count("pk"), reached=Count("pk", filter=Q(state=Goal.State.REACHED))
    )
    entries = participant.journal_entries.aggregate(
        total=Count("pk"), shared=Count("pk", filter=Q(shared=True))
    )
    return render(
        request,
        "participants/participation_detail.html",
        {
            "participant": participant,
            "project": participant.project,
            "framework": participant.framework,
            "outcomes": participant.filled_outcomes(),
            "sections": participant.filled_sections(),
            "evidence": participant.evidence_links.all(),
            "referees": participant.referees.all(),
            "last_review": participant.reviews.first(),
            "certificates": participant.certificates.all(),
            "goals": goals,
            "entries": entries,
            # Nothing records that the participant looked at the form and found it right;
            # birth data is what only they can add, so it stands for having checked.
            "has_personal_data": participant.personal_data_checked_at is not None,
            "too_long": too_long(participant),
            "commented": _commented_sections(participant),
        },
    )


@login_required
def personal_data(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if closed := _closed(request, participant):
        return closed
    form = PersonalDataForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        participant = form.save(commit=False)
        participant.personal_data_checked_at = timezone.now()
        participant.save()
        messages.success(request, _("Your personal data is saved."))
        return redirect("participants:detail", participant.code)
    return render(
        request,
        "participants/personal_data.html",
        {"participant": participant, "project": participant.project, "form": form},
    )


def _returned_comments(participant):
    """The organisers' comments per section when they returned the self-assessment."""
    review = participant.reviews.first()
    if participant.state != ParticipantState.RETURNED or review is None:
        return None, {}
    by_section = defaultdict(list)
    for comment in review.comments.all():
        by_section[comment.section].append(comment.text)
    return review, by_section


def _commented_sections(participant) -> list[tuple[str, str]]:
    """The sections the organisers commented on when they returned the self-assessment,
    in printed order, each with the address of its text."""
    _review, by_section = _returned_comments(participant)
    if not by_section:
        return []
    texts = reverse("participants:outcomes", args=[participant.code])
    names = [(c.key, c.name) for c in participant.framework.competences]
    names += [(section.key, section.title) for section in participant.sections]
    return [(name, f"{texts}#heading-{key}") for key, name in names if key in by_section]


def _learning_by_competence(participant):
    """The participant's goals and journal entries, by the competence they are about."""
    goals, entries = defaultdict(list), defaultdict(list)
    for goal in participant.goals.all():
        goals[goal.competence].append(goal)
    for entry in participant.journal_entries.all():
        for key in entry.competences:
            entries[key].append(entry)
    return goals, entries


@login_required
def outcomes(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if not participant.can_edit:
        messages.info(
            request, _("Your self-assessment is with the organisers and cannot change now.")
        )
        return redirect("participants:detail", participant.code)
    form = OutcomesForm(request.POST or None, participant=participant)
    conflicts = {}
    if request.method == "POST":
        if form.is_valid():
            conflicts, _hidden = form.save()
            if not conflicts:
                messages.success(request, _("Your learning outcomes are saved."))
                if "submit" in request.POST:
                    return redirect(
                        reverse("participants:detail", args=[participant.code]) + "#submit"
                    )
                return redirect("participants:outcomes", participant.code)
            # The person's own texts stay in the boxes; the ones saved meanwhile are
            # shown beside them, and the next save (from this page) keeps the person's.
            participant.refresh_from_db()
            mine = {key: form.cleaned_data[key] for key in conflicts}
            form = OutcomesForm(participant=participant, initial=mine)
        else:
            for error in damaged_form_errors(form):
                messages.error(request, error)

    review, comments = _returned_comments(participant)
    goals, entries = _learning_by_competence(participant)
    competences = [
        {
            "competence": competence,
            "field": field,
            "goals": goals[competence.key],
            "entries": entries[competence.key],
            "comments": comments.get(competence.key, []),
            "conflict": conflicts.get(competence.key),
        }
        for competence, field in form.competence_fields()
    ]
    sections = [
        {
            "section": section,
            "field": field,
            "comments": comments.get(section.key, []),
            "conflict": conflicts.get(section.key),
        }
        for section, field in form.section_fields()
    ]
    return render(
        request,
        "participants/outcomes.html",
        {
            "participant": participant,
            "project": participant.project,
            "form": form,
            "competences": competences,
            "sections": sections,
            "conflicts": conflicts,
            "last_review": review,
            "framework": participant.framework,
        },
    )


@login_required
def evidence(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if closed := _closed(request, participant):
        return closed
    initial = [
        {"url": link.url, "description": link.description}
        for link in participant.evidence_links.all()
    ]
    formset = EvidenceFormSet(_posted(request), initial=initial, prefix="evidence")
    if request.method == "POST" and formset.is_valid():
        formset.save(participant)
        messages.success(request, _("Your further evidence is saved."))
        return redirect("participants:detail", participant.code)
    return render(
        request,
        "participants/evidence.html",
        {"participant": participant, "project": participant.project, "formset": formset},
    )


@login_required
def referees(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if closed := _closed(request, participant):
        return closed
    initial = [
        {"name": referee.name, "role": referee.role, "contact": referee.contact}
        for referee in participant.referees.all()
    ]
    data = _posted(request)
    formset = RefereeFormSet(data, initial=initial, prefix="referees")
    partner_form = DialoguePartnerForm(data, instance=participant)
    if request.method == "POST" and formset.is_valid() and partner_form.is_valid():
        with transaction.atomic():
            formset.save(participant)
            partner_form.save()
        messages.success(request, _("Your referees and dialogue partner are saved."))
        return redirect("participants:detail", participant.code)
    return render(
        request,
        "participants/referees.html",
        {
            "participant": participant,
            "project": participant.project,
            "formset": formset,
            "partner_form": partner_form,
        },
    )


@login_required
def certificate_languages(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if closed := _closed(request, participant):
        return closed
    form = CertificateLanguagesForm(_posted(request), participant=participant)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your choice of languages is saved."))
        return redirect("participants:detail", participant.code)
    return render(
        request,
        "participants/certificate_languages.html",
        {"participant": participant, "project": participant.project, "form": form},
    )


def too_long(participant) -> str | None:
    """Why the participant's texts are too long for a certificate, or None if they fit."""
    pages = participant.text_pages()
    if pages <= settings.CERTIFICATE_MAX_TEXT_PAGES:
        return None
    return _(
        "Your texts would fill about %(pages)d pages of the certificate, and at most "
        "%(max)d fit. Shorten them, or join short lines into paragraphs, then submit."
    ) % {"pages": math.ceil(pages), "max": settings.CERTIFICATE_MAX_TEXT_PAGES}


@require_POST
@login_required
def submit(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if not participant.filled_outcomes():
        messages.error(
            request, _("Describe your learning in at least one competence before submitting.")
        )
    elif refusal := too_long(participant):
        messages.error(request, refusal)
    else:
        try:
            submission = participant.submit()
        except TransitionError:
            messages.error(request, _("Your self-assessment was submitted already."))
        else:
            notices.submitted(submission)
            messages.success(
                request,
                _("Submitted. The organisers will review it and issue your certificate."),
            )
    return redirect("participants:detail", participant.code)


# Invitations


def invitation(request, token):
    invitation = Invitation.find_usable(token)
    if invitation is None:
        return invitation_not_usable(request, Invitation, token)
    participant = invitation.participant

    def accepted():
        messages.success(
            request,
            _("Welcome to %(project)s! Start with your personal data.")
            % {"project": participant.project.title},
        )
        return redirect("participants:detail", participant.code)

    return answer_invitation(
        request,
        invitation,
        participant,
        template="participants/invitation.html",
        context={"participant": participant},
        accepted=accepted,
    )
