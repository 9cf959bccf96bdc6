"""The participant's learning plan and journal, the journal's photos, and autosave.

Every page here belongs to the participant alone (participant_for_holder: organisers of
the project get 403, anyone else 404). The one exception is a journal photo, which the
support persons assigned to the participant may also see once its entry is shared.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import F
from django.http import FileResponse, Http404, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participants import emails
from participants.access import participant_for_holder
from participants.competences import COMPETENCE_BY_KEY
from participants.forms import OutcomesForm
from participants.learning_forms import GoalForm, JournalEntryForm, JournalFilterForm
from participants.models import Goal, JournalEntry, ParticipantState
from participants.versioned_save import autosave_names, damaged_form_errors


def learning_open(participant) -> bool:
    """Whether the participant may still change their plan and journal.

    Neither is printed on the certificate, so the organisers' review does not freeze them:
    a participant goes on planning and reflecting while they wait. Issuing the certificate
    ends the process, and from then on both stay as a record to read.
    """
    return participant.state != ParticipantState.ISSUED


def _closed(request, participant, to):
    if learning_open(participant):
        return None
    messages.info(
        request,
        _("Your certificate has been issued: your plan and journal stay here to read."),
    )
    return redirect(to, participant.code)


# The support persons' feedback on goals and entries, with who wrote it. It belongs to the
# support app above this one, so it is reached through the reverse relation only.
FEEDBACK = "feedback__author"


def _goal(request, participant_code, goal_code):
    participant = participant_for_holder(request, participant_code)
    goal = get_object_or_404(Goal, code=goal_code, participant=participant)
    goal.participant = participant
    return goal


def _entry(request, participant_code, entry_code):
    participant = participant_for_holder(request, participant_code)
    entry = get_object_or_404(JournalEntry, code=entry_code, participant=participant)
    entry.participant = participant
    return entry


def _context(participant, **extra):
    return {
        "participant": participant,
        "project": participant.project,
        "editable": learning_open(participant),
        **extra,
    }


def _conflict_slots(form, conflicts=None):
    """Places beside the form for newer saved values: filled where a save clashed, empty
    (for drafts.js to fill) for the fields that are saved while the person types."""
    conflicts = conflicts or {}
    if not form.instance.pk:
        return []
    return [
        {
            "name": name,
            "label": form.fields[name].label,
            "saved": form.display(name, conflicts[name]) if name in conflicts else None,
        }
        for name in form.versioned
        if name in form.autosaved or name in conflicts
    ]


def _conflict_form(form_class, instance, form, saved, **kwargs):
    """The form again from the saved row, with the person's own values where they clash."""
    instance.refresh_from_db()
    mine = {name: form.cleaned_data[name] for name in saved.conflicts}
    fresh = form_class(instance=instance, initial=mine, **kwargs)
    return fresh, _conflict_slots(fresh, saved.conflicts)


# The learning plan


@login_required
def plan(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    goals = list(participant.goals.prefetch_related(FEEDBACK))
    for goal in goals:
        competence = COMPETENCE_BY_KEY.get(goal.competence)
        goal.competence_name = competence.name if competence else ""
    return render(
        request,
        "participants/plan.html",
        _context(
            participant,
            goals=goals,
            states=Goal.State.choices,
            support_persons=participant.support_persons.all(),
        ),
    )


def _goal_page(request, participant, form, goal=None, slots=None):
    return render(
        request,
        "participants/goal_form.html",
        _context(
            participant,
            form=form,
            goal=goal,
            conflict_slots=_conflict_slots(form) if slots is None else slots,
            has_conflicts=any(slot["saved"] is not None for slot in slots or ()),
        ),
    )


@login_required
def goal_add(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if closed := _closed(request, participant, "participants:plan"):
        return closed
    form = GoalForm(request.POST or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        goal = form.save(commit=False)
        goal.participant = participant
        goal.save()
        _tell_if_shared_now(goal, was_shared=False)
        messages.success(request, _("Your goal is added to your learning plan."))
        return redirect(
            reverse("participants:plan", args=[participant.code]) + f"#goal-{goal.code}"
        )
    return _goal_page(request, participant, form)


@login_required
def goal_edit(request, participant_code, goal_code):
    goal = _goal(request, participant_code, goal_code)
    participant = goal.participant
    if closed := _closed(request, participant, "participants:plan"):
        return closed
    was_shared = goal.shared
    form = GoalForm(request.POST or None, instance=goal, participant=participant)
    if request.method == "POST":
        if form.is_valid():
            saved = form.save_checked()
            _tell_if_shared_now(goal, was_shared)
            if not saved.conflicts:
                messages.success(request, _("Your goal is saved."))
                return redirect(
                    reverse("participants:plan", args=[participant.code]) + f"#goal-{goal.code}"
                )
            form, conflicts = _conflict_form(GoalForm, goal, form, saved, participant=participant)
            return _goal_page(request, participant, form, goal, conflicts)
        for error in damaged_form_errors(form):
            messages.error(request, error)
    return _goal_page(request, participant, form, goal)


@require_POST
@login_required
def goal_state(request, participant_code, goal_code):
    goal = _goal(request, participant_code, goal_code)
    participant = goal.participant
    if closed := _closed(request, participant, "participants:plan"):
        return closed
    state = request.POST.get("state")
    if state not in Goal.State.values:
        messages.error(request, _("Choose one of the states offered for the goal."))
    else:
        _update(goal, state=state)
        messages.success(
            request,
            _("“%(goal)s” is now marked: %(state)s.")
            % {"goal": goal.title, "state": Goal.State(state).label},
        )
    return redirect(reverse("participants:plan", args=[participant.code]) + f"#goal-{goal.code}")


def _update(item, **values):
    # Counted as a save, so that a form opened before it notices (see versioned_save).
    type(item).objects.filter(pk=item.pk).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    )


def _share(request, item, shared_message, private_message):
    shared = request.POST.get("shared")
    if shared not in ("0", "1"):
        messages.error(request, _("Say whether to share it or keep it private."))
        return
    # Whether to share is the person's decision of the moment: the latest click stands.
    # Only the click that makes it shared tells the support persons, not a second one.
    share = shared == "1"
    changed = (
        type(item)
        .objects.filter(pk=item.pk, shared=not share)
        .update(shared=share, version=F("version") + 1, updated_at=timezone.now())
    )
    if changed and share:
        emails.send_shared(item)
    messages.success(request, shared_message if shared == "1" else private_message)


def _tell_if_shared_now(item, was_shared: bool) -> None:
    """Tell the support persons of an item that a save has just shared."""
    if not was_shared and type(item).objects.filter(pk=item.pk, shared=True).exists():
        emails.send_shared(item)


@require_POST
@login_required
def goal_share(request, participant_code, goal_code):
    goal = _goal(request, participant_code, goal_code)
    participant = goal.participant
    if closed := _closed(request, participant, "participants:plan"):
        return closed
    _share(
        request,
        goal,
        _("Your support persons can now read this goal."),
        _("This goal is private again: only you can read it."),
    )
    return redirect(reverse("participants:plan", args=[participant.code]) + f"#goal-{goal.code}")


@login_required
def goal_delete(request, participant_code, goal_code):
    goal = _goal(request, participant_code, goal_code)
    participant = goal.participant
    if closed := _closed(request, participant, "participants:plan"):
        return closed
    if request.method == "POST":
        goal.delete()
        messages.success(request, _("The goal “%(goal)s” is deleted.") % {"goal": goal.title})
        return redirect("participants:plan", participant.code)
    return render(
        request,
        "participants/delete_confirm.html",
        _context(
            participant,
            heading=_("Delete this goal?"),
            item_title=goal.title,
            feedback_count=goal.feedback.count(),
            back=reverse("participants:plan", args=[participant.code]),
            back_title=_("Learning plan"),
        ),
    )


# The journal


@login_required
def journal(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    filter_form = JournalFilterForm(request.GET or None, participant=participant)
    entries = list(participant.journal_entries.prefetch_related(FEEDBACK))
    competence = ""
    if filter_form.is_valid():
        competence = filter_form.cleaned_data["competence"]
    if competence:
        # Tags are a JSON list, which not every database can search: filter here.
        entries = [entry for entry in entries if competence in entry.competences]
    names = {key: competence.name for key, competence in COMPETENCE_BY_KEY.items()}
    for entry in entries:
        entry.tags = [(key, names[key]) for key in entry.competences if key in names]
    return render(
        request,
        "participants/journal.html",
        _context(
            participant,
            entries=entries,
            filter_form=filter_form,
            competence=competence,
            competence_name=names.get(competence, ""),
            support_persons=participant.support_persons.all(),
        ),
    )


def _entry_page(request, participant, form, entry=None, slots=None):
    return render(
        request,
        "participants/journal_entry_form.html",
        _context(
            participant,
            form=form,
            entry=entry,
            conflict_slots=_conflict_slots(form) if slots is None else slots,
            has_conflicts=any(slot["saved"] is not None for slot in slots or ()),
        ),
    )


def _journal_url(participant, entry=None):
    url = reverse("participants:journal", args=[participant.code])
    return f"{url}#entry-{entry.code}" if entry else url


@login_required
def entry_add(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if closed := _closed(request, participant, "participants:journal"):
        return closed
    form = JournalEntryForm(request.POST or None, request.FILES or None, participant=participant)
    if request.method == "POST" and form.is_valid():
        entry = form.save(commit=False)
        entry.participant = participant
        entry.save()
        _tell_if_shared_now(entry, was_shared=False)
        messages.success(request, _("Your journal entry is saved."))
        return redirect(_journal_url(participant, entry))
    return _entry_page(request, participant, form)


@login_required
def entry_edit(request, participant_code, entry_code):
    entry = _entry(request, participant_code, entry_code)
    participant = entry.participant
    if closed := _closed(request, participant, "participants:journal"):
        return closed
    was_shared = entry.shared
    form = JournalEntryForm(
        request.POST or None, request.FILES or None, instance=entry, participant=participant
    )
    if request.method == "POST":
        if form.is_valid():
            with transaction.atomic():
                photo_changed = form.save_photo()
                saved = form.save_checked()
            _tell_if_shared_now(entry, was_shared)
            if not saved.conflicts:
                messages.success(request, _("Your journal entry is saved."))
                return redirect(_journal_url(participant, entry))
            if photo_changed:
                messages.info(request, _("The photo is saved."))
            form, conflicts = _conflict_form(
                JournalEntryForm, entry, form, saved, participant=participant
            )
            return _entry_page(request, participant, form, entry, conflicts)
        for error in damaged_form_errors(form):
            messages.error(request, error)
    return _entry_page(request, participant, form, entry)


@require_POST
@login_required
def entry_share(request, participant_code, entry_code):
    entry = _entry(request, participant_code, entry_code)
    participant = entry.participant
    if closed := _closed(request, participant, "participants:journal"):
        return closed
    _share(
        request,
        entry,
        _("Your support persons can now read this entry."),
        _("This entry is private again: only you can read it."),
    )
    return redirect(_journal_url(participant, entry))


@login_required
def entry_delete(request, participant_code, entry_code):
    entry = _entry(request, participant_code, entry_code)
    participant = entry.participant
    if closed := _closed(request, participant, "participants:journal"):
        return closed
    if request.method == "POST":
        photo = entry.photo.name
        storage = entry.photo.storage
        with transaction.atomic():
            entry.delete()
            if photo:
                transaction.on_commit(lambda: storage.delete(photo))
        messages.success(request, _("The journal entry is deleted."))
        return redirect("participants:journal", participant.code)
    return render(
        request,
        "participants/delete_confirm.html",
        _context(
            participant,
            heading=_("Delete this journal entry?"),
            item_title=entry.text,
            item_date=entry.date,
            has_photo=bool(entry.photo),
            feedback_count=entry.feedback.count(),
            back=_journal_url(participant),
            back_title=_("Learning journal"),
        ),
    )


@login_required
def journal_photo(request, entry_code):
    """A journal entry's photo: for the participant, and for their assigned support persons
    once the entry is shared. Everyone else, organisers included, gets 404: a private
    entry's photo is not theirs to know about."""
    entry = get_object_or_404(JournalEntry.objects.select_related("participant"), code=entry_code)
    participant = entry.participant
    allowed = participant.user_id == request.user.pk or (
        entry.shared and participant.support_persons.filter(user=request.user).exists()
    )
    if not allowed or not entry.photo:
        raise Http404
    # The name changes with every upload, so it tells whether the browser's copy is current.
    etag = f'"{entry.photo.name.rsplit("/", 1)[-1]}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        try:
            file = entry.photo.open("rb")
        except OSError:
            raise Http404 from None
        response = FileResponse(file, content_type="image/jpeg")
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


# Autosave


def _autosave_response(hidden, conflicts=None):
    if conflicts:
        return JsonResponse(
            {
                "message": _(
                    "Not saved: this text was changed in another window. Compare it with "
                    "the newer text shown beside yours, then press Save."
                ),
                "hidden": hidden,
                "conflicts": conflicts,
            },
            status=409,
        )
    return JsonResponse(
        {
            "message": _("Saved at %(time)s")
            % {"time": time_format(timezone.localtime(), "TIME_FORMAT")},
            "hidden": hidden,
        }
    )


def _autosave_invalid(form, names):
    errors = {
        name: [str(error) for error in form.errors[name]] for name in names if name in form.errors
    }
    damaged = damaged_form_errors(form)
    if not errors and not damaged:
        return None
    return JsonResponse(
        {
            "message": damaged[0] if damaged else _("Not saved: see the message below the text."),
            "errors": errors,
        },
        status=400,
    )


def _autosave_closed(message):
    return JsonResponse({"message": message}, status=403)


@require_POST
@login_required
def outcomes_autosave(request, participant_code):
    participant = participant_for_holder(request, participant_code)
    if not participant.can_edit:
        return _autosave_closed(
            _("Not saved: your self-assessment is with the organisers and cannot change now.")
        )
    form = OutcomesForm(request.POST, participant=participant)
    names = autosave_names(form, form.text_names())
    form.is_valid()
    if invalid := _autosave_invalid(form, names):
        return invalid
    conflicts, hidden = form.save(names)
    return _autosave_response(hidden, conflicts)


def _autosave_item(request, item, form_class):
    participant = item.participant
    if not learning_open(participant):
        return _autosave_closed(
            _("Not saved: your certificate has been issued, so this cannot change any more.")
        )
    form = form_class(request.POST, instance=item, participant=participant)
    names = autosave_names(form, form_class.autosaved)
    form.is_valid()
    if invalid := _autosave_invalid(form, names):
        return invalid
    if not names:
        return _autosave_response({})
    saved = form.save_checked(names)
    return _autosave_response(form.hidden_after(saved), saved.conflicts)


@require_POST
@login_required
def goal_autosave(request, participant_code, goal_code):
    return _autosave_item(request, _goal(request, participant_code, goal_code), GoalForm)


@require_POST
@login_required
def entry_autosave(request, participant_code, entry_code):
    return _autosave_item(request, _entry(request, participant_code, entry_code), JournalEntryForm)
