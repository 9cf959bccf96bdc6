from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.invitations import answer_invitation, invitation_not_usable, invite_again, invite_new
from participants import emails as participant_emails
from participants.access import participant_for_holder
from participants.models import Goal, Participant
from projects.formats import Format
from support import emails
from support.access import (
    participant_for_supervisor,
    participant_for_support,
    project_for_organiser,
    support_person_for_organiser,
)
from support.forms import (
    AssessmentForm,
    ConsentForm,
    FeedbackForm,
    NewSupportPersonForm,
    SupportPersonForm,
)
from support.models import (
    AssessmentConflict,
    Feedback,
    SupervisorAssessment,
    SupportInvitation,
    SupportPerson,
)
from youthpass_site.lib.collation import collated

# Organisers


def _support_list_url(project):
    return reverse("support:project", args=[project.code])


@login_required
def project_support(request, project_code):
    project = project_for_organiser(request, project_code)
    support_persons = list(
        project.support_persons.select_related("user").prefetch_related(
            Prefetch(
                "participants",
                queryset=Participant.objects.order_by(
                    collated("last_name"), collated("first_name")
                ),
            ),
            Prefetch("invitations", queryset=SupportInvitation.objects.order_by("-created_at")),
        )
    )
    now = timezone.now()
    for support_person in support_persons:
        last = next(iter(support_person.invitations.all()), None)
        support_person.last_invitation = last
        if last is None:
            support_person.invitation_state = "none"
        elif last.revoked_at is None and last.accepted_at is None and last.expires_at > now:
            support_person.invitation_state = "invited"
        else:
            support_person.invitation_state = "expired"
    return render(
        request,
        "support/project_support.html",
        {"project": project, "support_persons": support_persons},
    )


@login_required
def support_add(request, project_code):
    project = project_for_organiser(request, project_code)
    form = NewSupportPersonForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            support_person = form.save()
        invite_new(
            request,
            support_person,
            send=emails.send_invitation,
            language=support_person.language,
            invite=form.cleaned_data["send_invitation"],
        )
        return redirect(_support_list_url(project))
    return render(
        request,
        "support/support_form.html",
        {"project": project, "form": form, "support_person": None},
    )


@login_required
def support_edit(request, project_code, support_code):
    support_person = support_person_for_organiser(request, project_code, support_code)
    project = support_person.project
    form = SupportPersonForm(request.POST or None, instance=support_person, project=project)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
        messages.success(request, _("%(name)s is saved.") % {"name": support_person.full_name})
        return redirect(_support_list_url(project))
    return render(
        request,
        "support/support_form.html",
        {"project": project, "form": form, "support_person": support_person},
    )


@require_POST
@login_required
def support_invite(request, project_code, support_code):
    support_person = support_person_for_organiser(request, project_code, support_code)
    invite_again(
        request, support_person, send=emails.send_invitation, language=support_person.language
    )
    return redirect(_support_list_url(support_person.project))


@login_required
def support_remove(request, project_code, support_code):
    support_person = support_person_for_organiser(request, project_code, support_code)
    project = support_person.project
    if request.method == "POST":
        support_person.delete()
        messages.success(
            request,
            _("%(name)s is no longer a support person in this project.")
            % {"name": support_person.full_name},
        )
        return redirect(_support_list_url(project))
    return render(
        request,
        "support/confirm_remove.html",
        {"project": project, "support_person": support_person},
    )


# Support persons


@login_required
def my_participants(request):
    shared_counts = Participant.objects.annotate(
        shared_goals=Count("goals", filter=Q(goals__shared=True), distinct=True),
        shared_entries=Count(
            "journal_entries", filter=Q(journal_entries__shared=True), distinct=True
        ),
    ).order_by(collated("last_name"), collated("first_name"))
    roles = (
        SupportPerson.objects.of_user(request.user)
        .select_related("project__organisation")
        .prefetch_related(Prefetch("participants", queryset=shared_counts))
        .order_by("-project__start_date", "project__title", "role")
    )
    return render(request, "support/mine.html", {"roles": roles})


def _new_feedback_form(item, data=None):
    form = FeedbackForm(data, auto_id=f"id_{item.code}_%s")
    form.fields["text"].label = _("Add feedback")
    # Every goal and entry has the same box and button: the heading tells them apart.
    kind = "goal" if isinstance(item, Goal) else "entry"
    item.heading_id = f"{kind}-{item.code}-title"
    form.fields["text"].widget.attrs["aria-describedby"] = item.heading_id
    return form


def _participant_page(request, supporting, failed=None):
    """The participant as their support person sees them: what they share, and feedback.

    `failed` is the (goal or entry, form) of a refused feedback, shown with its errors.
    A support person sees their own feedback only; the participant sees everyone's.
    """
    participant = supporting.participant
    own_feedback = Prefetch(
        "feedback",
        queryset=Feedback.objects.filter(author__in=supporting.roles).select_related("author"),
    )
    goals = list(participant.goals.filter(shared=True).prefetch_related(own_feedback))
    entries = list(participant.journal_entries.filter(shared=True).prefetch_related(own_feedback))
    for item in (*goals, *entries):
        if failed and type(failed[0]) is type(item) and failed[0].pk == item.pk:
            item.feedback_form = failed[1]
        else:
            item.feedback_form = _new_feedback_form(item)
    return render(
        request,
        "support/participant.html",
        {
            "participant": participant,
            "project": participant.project,
            "supporting": supporting,
            "goals": goals,
            "entries": entries,
            "assessment": SupervisorAssessment.objects.filter(participant=participant).first()
            if supporting.supervisor
            else None,
            "is_traineeship": participant.project.format == Format.TRAINEESHIP_JOB,
            **_self_assessment(participant),
        },
    )


def _self_assessment(participant):
    """The participant's self-assessment for their support persons, if they shared it."""
    if not participant.self_assessment_shared:
        return {"self_assessment": None}
    return {
        "self_assessment": {
            "outcomes": participant.filled_outcomes(),
            "sections": participant.filled_sections(),
        }
    }


@login_required
def participant_page(request, participant_code):
    supporting = participant_for_support(request, participant_code)
    return _participant_page(request, supporting)


def _give_feedback(request, supporting, target, anchor):
    form = _new_feedback_form(target, request.POST)
    if not form.is_valid():
        messages.error(request, _("Your feedback was not saved. See below."))
        return _participant_page(request, supporting, failed=(target, form))
    feedback = supporting.author.give_feedback(target, form.cleaned_data["text"])
    emails.send_feedback(feedback)
    messages.success(
        request,
        _("Your feedback is saved. %(name)s was told by e-mail.")
        % {"name": supporting.participant.first_name},
    )
    return redirect(
        reverse("support:participant", args=[supporting.participant.code]) + f"#{anchor}"
    )


@require_POST
@login_required
def feedback_on_goal(request, participant_code, goal_code):
    supporting = participant_for_support(request, participant_code)
    # Unshared goals are not there for a support person, whatever code they try.
    goal = get_object_or_404(supporting.participant.goals, code=goal_code, shared=True)
    return _give_feedback(request, supporting, goal, f"goal-{goal.code}")


@require_POST
@login_required
def feedback_on_entry(request, participant_code, entry_code):
    supporting = participant_for_support(request, participant_code)
    entry = get_object_or_404(supporting.participant.journal_entries, code=entry_code, shared=True)
    return _give_feedback(request, supporting, entry, f"entry-{entry.code}")


def _own_feedback(supporting, feedback_code):
    """Feedback that this person wrote, on something the participant still shares."""
    participant = supporting.participant
    return get_object_or_404(
        Feedback.objects.select_related("author", "goal", "entry").filter(
            Q(goal__participant=participant, goal__shared=True)
            | Q(entry__participant=participant, entry__shared=True)
        ),
        code=feedback_code,
        author__in=supporting.roles,
    )


def _anchor(feedback):
    return f"goal-{feedback.goal.code}" if feedback.goal else f"entry-{feedback.entry.code}"


@login_required
def feedback_edit(request, participant_code, feedback_code):
    supporting = participant_for_support(request, participant_code)
    feedback = _own_feedback(supporting, feedback_code)
    form = FeedbackForm(request.POST or None, instance=feedback)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your feedback is saved."))
        return redirect(
            reverse("support:participant", args=[participant_code]) + f"#{_anchor(feedback)}"
        )
    return render(
        request,
        "support/feedback_form.html",
        {
            "participant": supporting.participant,
            "project": supporting.participant.project,
            "feedback": feedback,
            "form": form,
        },
    )


@require_POST
@login_required
def feedback_delete(request, participant_code, feedback_code):
    supporting = participant_for_support(request, participant_code)
    feedback = _own_feedback(supporting, feedback_code)
    anchor = _anchor(feedback)
    feedback.delete()
    messages.success(request, _("Your feedback is deleted."))
    return redirect(reverse("support:participant", args=[participant_code]) + f"#{anchor}")


@login_required
def assessment_write(request, participant_code):
    supporting = participant_for_supervisor(request, participant_code)
    participant = supporting.participant
    assessment = SupervisorAssessment.objects.filter(participant=participant).first()
    conflict = None
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            try:
                assessment, changed = SupervisorAssessment.write(
                    participant,
                    supporting.supervisor,
                    form.cleaned_data["text"],
                    form.cleaned_data["version"],
                )
            except AssessmentConflict as error:
                conflict = assessment = error.current
                # The next save is made knowing the stored text: it carries that version.
                form = AssessmentForm(
                    initial={"text": form.cleaned_data["text"], "version": assessment.version}
                )
                messages.warning(
                    request,
                    _(
                        "The assessment was changed by someone else after you opened it. "
                        "Your text was not saved: both versions are shown below."
                    ),
                )
            else:
                if changed:
                    emails.send_assessment(assessment)
                    messages.success(
                        request,
                        _(
                            "Your assessment is saved. %(name)s was asked by e-mail to read it "
                            "and to agree to include it on the certificate."
                        )
                        % {"name": participant.first_name},
                    )
                else:
                    messages.info(request, _("Nothing changed."))
                return redirect("support:assessment", participant.code)
    else:
        form = AssessmentForm(
            initial={
                "text": assessment.text if assessment else "",
                "version": assessment.version if assessment else 0,
            }
        )
    return render(
        request,
        "support/assessment_form.html",
        {
            "participant": participant,
            "project": participant.project,
            "supporting": supporting,
            "assessment": assessment,
            "conflict": conflict,
            "form": form,
            "is_traineeship": participant.project.format == Format.TRAINEESHIP_JOB,
            **_self_assessment(participant),
        },
    )


# Participants


@login_required
def my_support(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    support_persons = list(participant.support_persons.all())
    feedback = (
        Feedback.objects.filter(
            Q(goal__participant=participant) | Q(entry__participant=participant)
        )
        .select_related("author", "goal", "entry")
        .order_by("-created_at")
    )
    return render(
        request,
        "support/my_support.html",
        {
            "participant": participant,
            "project": participant.project,
            "support_persons": support_persons,
            "has_supervisor": any(person.is_supervisor for person in support_persons),
            "assessment": SupervisorAssessment.objects.filter(participant=participant)
            .select_related("author")
            .first(),
            "feedback": feedback,
            "is_traineeship": participant.project.format == Format.TRAINEESHIP_JOB,
        },
    )


@require_POST
@login_required
def consent(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    assessment = get_object_or_404(SupervisorAssessment, participant=participant)
    form = ConsentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to include the assessment."))
    elif form.cleaned_data["decision"] == "withdraw":
        assessment.withdraw()
        messages.success(
            request, _("The assessment will not be printed on certificates issued from now on.")
        )
    elif assessment.agree(form.cleaned_data["version"]):
        messages.success(
            request,
            _("Thank you. The assessment will be printed on certificates issued from now on."),
        )
    else:
        messages.warning(
            request,
            _(
                "Your supervisor changed the assessment after you opened this page. Read the "
                "new text before you agree."
            ),
        )
    return redirect(reverse("support:my_support", args=[participant.code]) + "#assessment")


@require_POST
@login_required
def name_dialogue_partner(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    support_person = get_object_or_404(
        participant.support_persons, code=request.POST.get("support_person", "")
    )
    if not participant.can_edit:
        messages.info(
            request,
            _("Your self-assessment is with the organisers and cannot change now."),
        )
    else:
        name = support_person.full_name[
            : Participant._meta.get_field("dialogue_partner").max_length
        ]
        Participant.objects.filter(pk=participant.pk).update(dialogue_partner=name)
        messages.success(
            request,
            _("%(name)s is named as your dialogue partner on Part 2 of your certificate.")
            % {"name": name},
        )
    return redirect("support:my_support", participant.code)


@require_POST
@login_required
def share_self_assessment(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    share = request.POST.get("share") == "yes"
    # Only the click that changes it tells the support persons: not a second one.
    changed = (
        Participant.objects.filter(pk=participant.pk)
        .exclude(self_assessment_shared=share)
        .update(self_assessment_shared=share)
    )
    if share and changed:
        participant_emails.send_self_assessment_shared(participant)
    if share:
        messages.success(
            request,
            _("Your support persons can now read your self-assessment. It stays yours to edit."),
        )
    else:
        messages.success(request, _("Your support persons no longer see your self-assessment."))
    return redirect(reverse("support:my_support", args=[participant.code]) + "#self-assessment")


# Invitations


def invitation(request, token):
    invitation = SupportInvitation.find_usable(token)
    if invitation is None:
        return invitation_not_usable(request, SupportInvitation, token)
    support_person = invitation.support_person

    def accepted():
        messages.success(
            request,
            _("Welcome to %(project)s! Here are the participants you support.")
            % {"project": support_person.project.title},
        )
        return redirect("support:mine")

    return answer_invitation(
        request,
        invitation,
        support_person,
        template="support/invitation.html",
        context={"support_person": support_person},
        accepted=accepted,
    )
