from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from certificates.models import Certificate
from certificates.sealing import SealingError, current_seal, is_sealed, seal_pdf


class Command(BaseCommand):
    help = (
        "Seal the stored PDFs of certificates issued without a seal. Each PDF is signed in "
        "an incremental update, not rendered again: its pages stay exactly as issued. PDFs "
        "that carry a seal already are left alone, so the command can be run again."
    )

    def handle(self, **options):
        try:
            current_seal()
        except SealingError as error:
            raise CommandError(
                "No signing certificate: set PDF_SIGNING_P12 or run init_pdf_signing first."
            ) from error
        sealed = already = missing = failed = 0
        certificates = Certificate.objects.exclude(pdf="").order_by("pk")
        for certificate in certificates.iterator(chunk_size=200):
            storage = certificate.pdf.storage
            name = certificate.pdf.name
            try:
                with storage.open(name, "rb") as stored:
                    pdf = stored.read()
            except OSError:
                missing += 1
                self.stderr.write(f"{certificate.certificate_id}: the stored PDF is missing.")
                continue
            if is_sealed(pdf):
                already += 1
                continue
            try:
                sealed_pdf = seal_pdf(pdf, certificate)
            except SealingError:
                failed += 1
                self.stderr.write(f"{certificate.certificate_id}: could not be sealed.")
                continue
            # A new file beside the old one, then the row, then the old file goes: an
            # interruption leaves at worst an unused file, never a certificate without one.
            folder = PurePosixPath(name).parent
            new_name = storage.save(str(folder / certificate.filename), ContentFile(sealed_pdf))
            changed = Certificate.objects.filter(pk=certificate.pk, pdf=name).update(pdf=new_name)
            if changed:
                storage.delete(name)
                sealed += 1
            else:
                # Erased or replaced meanwhile: the row no longer points to this PDF.
                storage.delete(new_name)
        self.stdout.write(
            f"Sealed {sealed}, already sealed {already}, PDF missing {missing}, failed {failed}."
        )
        if failed:
            raise CommandError(f"{failed} certificates could not be sealed; see above.")
