"""Organisation logos: checked on upload and stored as a PNG that we drew ourselves.

A logo ends up inside every certificate the organisation issues, as a data: URI of
the stored file. So only the pixels of an uploaded image are kept (see
youthpass_site.lib.images), scaled down and written out again as a fresh PNG.
"""

import io

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image

from youthpass_site.lib.images import Refusals, decode_upload

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# About 300 dpi at the size the certificate prints the logo.
MAX_SIZE = (800, 400)
# Above this, a photographic logo is reduced to 256 colours: the certificate should
# stay small enough to send by e-mail.
QUANTIZE_ABOVE_BYTES = 150_000

REFUSALS = Refusals(
    too_large=_("The logo file is larger than 2 MB. Upload a smaller image."),
    too_many_pixels=_(
        "The logo has too many pixels. Upload an image of at most %(megapixels)s megapixels."
    ),
    not_an_image=_("Upload the logo as a PNG, JPEG or WebP image."),
)


def reencode_logo(upload) -> ContentFile:
    """The uploaded logo as a new PNG of at most MAX_SIZE pixels, or ValidationError."""
    picture = decode_upload(upload, MAX_UPLOAD_BYTES, REFUSALS, max(MAX_SIZE))
    picture.thumbnail(MAX_SIZE, Image.Resampling.LANCZOS)
    data = _png(picture)
    if len(data) > QUANTIZE_ABOVE_BYTES:
        data = min(data, _png(picture.quantize(256, method=Image.Quantize.FASTOCTREE)), key=len)
    return ContentFile(data, name="logo.png")


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
