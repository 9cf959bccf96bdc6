from django.core.management.base import BaseCommand, CommandError

from certificates.models import OrganisationKey
from projects.models import Organisation


class Command(BaseCommand):
    help = (
        "Retire an organisation's credential signing key and make a new one. The retired "
        "key stays in the organisation's DID document, so what it signed still verifies."
    )

    def add_arguments(self, parser):
        parser.add_argument("organisation_code", help="the organisation's code, as in its URLs")

    def handle(self, organisation_code, **options):
        organisation = Organisation.objects.filter(code=organisation_code).first()
        if organisation is None:
            raise CommandError(f"No organisation has the code {organisation_code!r}.")
        retired = list(
            OrganisationKey.objects.filter(organisation=organisation, retired_at__isnull=True)
        )
        key = OrganisationKey.rotate(organisation)
        for old in retired:
            self.stdout.write(f"Retired {old.verification_method}.")
        self.stdout.write(f"{organisation.name} now signs with {key.verification_method}.")
