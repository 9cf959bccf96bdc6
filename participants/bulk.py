"""What a background job does for one participant: invitations and reminders.

Each function is called by a worker (jobs.models.Job.work) for one participant and is safe
to call again for the same one: it checks the participant's state first and says, with
`ItemSkipped`, why there is nothing to do.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobs.models import ItemFailed, ItemSkipped
from participants import emails
from participants.models import Participant, Status
from youthpass_site.lib.invitations import InvitationStateError

# Who a reminder is for: invited but not yet in, or writing and not yet submitted.
REMINDABLE = (Status.INVITED, Status.ACTIVE, Status.RETURNED)


MAIL_FAILED = gettext_lazy("The e-mail could not be sent: the mail server did not take it.")


def _send_invitation(participant, job):
    # The invitation counts only once its e-mail is out: a refused e-mail leaves the
    # participant as they were, so that trying again invites them.
    try:
        with transaction.atomic():
            invitation, token = participant.invite(by=job.created_by)
            emails.send_invitation(invitation, token, language=participant.language)
    except InvitationStateError:
        raise ItemSkipped(_("Has accepted the invitation already.")) from None
    except OSError as error:
        raise ItemFailed(MAIL_FAILED) from error


def invite(participant, job):
    """A first invitation, for participants who have not been invited yet."""
    if participant.status != Status.ADDED:
        raise ItemSkipped(
            _("Has accepted the invitation already.")
            if participant.status != Status.INVITED
            else _("Was invited already.")
        )
    _send_invitation(participant, job)


def resend(participant, job):
    """A fresh invitation link; the older links stop working."""
    if participant.status not in (Status.ADDED, Status.INVITED):
        raise ItemSkipped(_("Has accepted the invitation already."))
    _send_invitation(participant, job)


def remind(participant, job):
    """Remind someone who has not submitted: a fresh invitation if they have not accepted
    theirs yet, otherwise a note to finish and submit the self-assessment."""
    if participant.status not in REMINDABLE:
        raise ItemSkipped(
            _("Has not been invited yet.")
            if participant.status == Status.ADDED
            else _("Has submitted already.")
        )
    if participant.status == Status.INVITED:
        _send_invitation(participant, job)
    else:
        try:
            emails.send_reminder(participant)
        except OSError as error:
            raise ItemFailed(MAIL_FAILED) from error
    Participant.objects.filter(pk=participant.pk).update(last_reminded_at=timezone.now())
