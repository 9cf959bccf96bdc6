"""Sending e-mails made of three templates each, in the recipient's language.

A page that sends an e-mail renders it and hands it to a background worker (the task
`deliver`): the person does not wait for the mail server, and a mail server that is
down fails the delivery, not the action the e-mail is about. Background jobs that mail
many people send each e-mail themselves (`sending_now`), so that a failure is reported
against the participant it concerns.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.tasks import task
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation

_now = ContextVar("send e-mails at once", default=False)


@contextmanager
def sending_now():
    """E-mails sent inside go out from this process at once, and their errors are raised."""
    token = _now.set(True)
    try:
        yield
    finally:
        _now.reset(token)


class DeliveryFailed(OSError):
    """The mail server did not take a message. Says how, never to whom: it is logged."""


@task()
def deliver(subject: str, body: str, html: str, to: list[str], language: str | None = None) -> None:
    # Content-Language lets mail programs offer a translation and read the text aloud
    # in the right voice.
    headers = {"Content-Language": language} if language else None
    message = EmailMultiAlternatives(
        subject, body, settings.DEFAULT_FROM_EMAIL, to, headers=headers
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except OSError as error:
        # SMTP errors name the recipients; the task's record and the log must not.
        code = getattr(error, "smtp_code", None)
        raise DeliveryFailed(f"{type(error).__name__} {code or ''}".strip()) from None


def _plain_text(template_name: str, context: dict) -> str:
    """A subject or a plain-text body: not HTML, so nothing in it is escaped ("Youth & Media"
    stays as typed)."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def send_templated(name: str, to: str, language: str, context: dict, *, at_once=False) -> None:
    """Send emails/<name>-subject.txt, -body.txt and -body.html rendered in `language`.

    `at_once` sends from this process now and raises DeliveryFailed if the mail server
    does not take it: for a message with a secret link (an invitation, a confirmation),
    which must never be stored in the task queue, and for one whose timing must not
    differ from such a message.
    """
    with translation.override(language):
        subject = _plain_text(f"emails/{name}-subject.txt", context).strip()
        body = _plain_text(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    if at_once or _now.get():
        deliver.call(subject, body, html, [to], language)
    else:
        deliver.enqueue(subject, body, html, [to], language)
