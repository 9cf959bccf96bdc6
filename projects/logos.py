"""Organisation logos: checked on upload and stored as a PNG that we drew ourselves.

A logo ends up inside every certificate the organisation issues, as a data: URI of
the stored file. So only the pixels of an uploaded image are kept: the upload is
decoded by Pillow (PNG, JPEG and WebP only, so no SVG or anything else that can
carry markup or links), scaled down and written out again as a fresh PNG without
metadata (no EXIF location, no comments, no colour profile).
"""

import io

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP")
ACCEPTED_TYPES = "image/png,image/jpeg,image/webp"
# About 300 dpi at the size the certificate prints the logo.
MAX_SIZE = (800, 400)
# A small file can declare a huge canvas (a "decompression bomb"); refuse it before
# decoding rather than fill the server's memory.
MAX_SOURCE_PIXELS = 30_000_000
# Above this, a photographic logo is reduced to 256 colours: the certificate should
# stay small enough to send by e-mail.
QUANTIZE_ABOVE_BYTES = 150_000

NOT_AN_IMAGE = _("Upload the logo as a PNG, JPEG or WebP image.")


def reencode_logo(upload) -> ContentFile:
    """The uploaded logo as a new PNG of at most MAX_SIZE pixels, or ValidationError."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _("The logo file is larger than 2 MB. Upload a smaller image."), code="too_large"
        )
    try:
        upload.seek(0)
        with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError(
                    _("The logo has too many pixels. Upload an image of at most 5000 × 5000."),
                    code="too_many_pixels",
                )
            # WeasyPrint tells Pillow to pad out truncated images when they load; a
            # verify() first still refuses a cut-off file instead of storing grey bands.
            image.verify()
        upload.seek(0)
        with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
            image.load()
            picture = _plain_pixels(ImageOps.exif_transpose(image))
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(NOT_AN_IMAGE, code="not_an_image") from None

    picture.thumbnail(MAX_SIZE, Image.Resampling.LANCZOS)
    data = _png(picture)
    if len(data) > QUANTIZE_ABOVE_BYTES:
        data = min(data, _png(picture.quantize(256, method=Image.Quantize.FASTOCTREE)), key=len)
    return ContentFile(data, name="logo.png")


def _plain_pixels(image: Image.Image) -> Image.Image:
    """RGB, or RGBA where the image has transparency, in a new image without metadata."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if transparent else "RGB"
    converted = image.convert(mode)
    if mode == "RGBA" and converted.getchannel("A").getextrema() == (255, 255):
        converted = converted.convert("RGB")
    # A fresh image carries nothing of the upload's info (EXIF, ICC profile, text).
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
