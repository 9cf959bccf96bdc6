"""E-mails about the privacy rules, one function each, in the recipient's language."""

from youthpass_site.lib.mail import send_templated


def send_retention_warning(user, context: dict) -> None:
    """Tell an organisation admin when a project's participant records will be pseudonymised."""
    send_templated(
        "retention-warning", user.email, user.language, {**context, "name": user.first_name}
    )
