"""A participant's state in the Youthpass process, and who each organiser's action is for.

The rules of who may be invited, reminded or issued live here alone: the confirmation
pages count by them, the single actions check them, and the background jobs check them
again for each participant.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy


class ParticipantState(models.TextChoices):
    ADDED = "added", _("Added")
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Writing")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    ISSUED = "issued", _("Certificate issued")


class Action(models.TextChoices):
    """What organisers do to participants, one by one or many at once."""

    INVITE = "invite", _("Invite")
    RESEND = "resend", _("Send the invitation again")
    REMIND = "remind", _("Remind those who have not submitted")
    ISSUE = "issue", _("Issue all approved")


# The states each action is for.
ELIGIBLE = {
    # A first invitation.
    Action.INVITE: (ParticipantState.ADDED,),
    # A fresh link; the older ones stop working.
    Action.RESEND: (ParticipantState.ADDED, ParticipantState.INVITED),
    # Invited but not yet in (a fresh invitation), or writing and not yet submitted.
    Action.REMIND: (ParticipantState.INVITED, ParticipantState.ACTIVE, ParticipantState.RETURNED),
    # Bulk issue: approved and waiting for a certificate. A single issue may also add
    # languages to an issued record (Participant.may_be_issued).
    Action.ISSUE: (ParticipantState.APPROVED,),
}


def refusal_key(action: str, state: str) -> str | None:
    """Why a participant in `state` is left out of `action`, as a key of REFUSALS."""
    if state in ELIGIBLE[action]:
        return None
    if action == Action.ISSUE:
        return "issued" if state == ParticipantState.ISSUED else "not_approved"
    if state == ParticipantState.ADDED:
        return "not_invited"
    if state == ParticipantState.INVITED:
        return "invited"
    return "submitted" if action == Action.REMIND else "accepted"


# Why a participant is left out: for one participant (a background task's item), and
# counted (the confirmation page of bulk e-mails).
REFUSALS = {
    "not_invited": _("Has not been invited yet."),
    "invited": _("Was invited already."),
    "accepted": _("Has accepted the invitation already."),
    "submitted": _("Has submitted already."),
    "issued": _("Has a certificate already."),
    "not_approved": _("The self-assessment is not approved."),
    "erased": _("The holder deleted their account."),
}
REFUSAL_COUNTS = {
    "not_invited": ngettext_lazy(
        "%(count)d has not been invited yet.", "%(count)d have not been invited yet.", "count"
    ),
    "invited": ngettext_lazy(
        "%(count)d was invited already.", "%(count)d were invited already.", "count"
    ),
    "accepted": ngettext_lazy(
        "%(count)d has accepted the invitation already.",
        "%(count)d have accepted the invitation already.",
        "count",
    ),
    "submitted": ngettext_lazy(
        "%(count)d has submitted already.", "%(count)d have submitted already.", "count"
    ),
}
