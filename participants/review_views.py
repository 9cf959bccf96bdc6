"""The history of a participant's submissions and the organisers' reviews."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from participants.access import participant_for_editor, participant_for_holder
from participants.history import review_history


def _history_page(request, participant, for_organiser):
    rounds, unattached_reviews = review_history(participant)
    return render(
        request,
        "participants/history.html",
        {
            "participant": participant,
            "project": participant.project,
            "rounds": rounds,
            "unattached_reviews": unattached_reviews,
            "for_organiser": for_organiser,
        },
    )


@login_required
def history(request, participant_code):
    """The holder's own history; organisers of the project use their own address."""
    participant = participant_for_holder(request, participant_code)
    return _history_page(request, participant, for_organiser=False)


@login_required
def manage_history(request, project_code, participant_code):
    participant = participant_for_editor(request, project_code, participant_code)
    return _history_page(request, participant, for_organiser=True)
