"""System checks of the certificates' settings."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from certificates.credentials.keys import credential_key_problem


@register(Tags.security, deploy=True)
def credential_key_check(app_configs, **kwargs):
    """`check --deploy` fails without a usable CREDENTIAL_KEY when DEBUG is off: the
    organisations' signing keys could be neither made nor used, so nothing could be issued."""
    if settings.DEBUG:
        return []
    problem = credential_key_problem()
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint=(
                'Make one with: python -c "import base64, os; '
                'print(base64.urlsafe_b64encode(os.urandom(32)).decode())"; keep it '
                "apart from the database backups (README: Signing keys)."
            ),
            id="certificates.E001",
        )
    ]
