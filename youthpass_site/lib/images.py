"""Uploaded images (organisation logos, journal photos): only their pixels are kept.

An upload is decoded by Pillow (PNG, JPEG and WebP only, so no SVG or anything else that
can carry markup or links) into a fresh image without metadata: no EXIF location, no
comments, no colour profile. The callers scale it and write it out again (`jpeg()` for
photos).
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP")
ACCEPTED_TYPES = "image/png,image/jpeg,image/webp"
# A small file can declare a huge canvas (a "decompression bomb"); refuse it before
# decoding rather than fill the server's memory.
MAX_SOURCE_PIXELS = 30_000_000


@dataclass(frozen=True)
class Refusals:
    """What the person is told when their upload is refused, in the words of its kind."""

    too_large: str
    too_many_pixels: str
    not_an_image: str


def decode_upload(upload, max_bytes: int, refusals: Refusals) -> Image.Image:
    """The upload's pixels, upright, as RGB or RGBA without metadata; or ValidationError."""
    if upload.size > max_bytes:
        raise ValidationError(refusals.too_large, code="too_large")
    try:
        upload.seek(0)
        with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
            if image.width * image.height > MAX_SOURCE_PIXELS:
                raise ValidationError(refusals.too_many_pixels, code="too_many_pixels")
            # WeasyPrint tells Pillow to pad out truncated images when they load; a
            # verify() first still refuses a cut-off file instead of storing grey bands.
            image.verify()
        upload.seek(0)
        with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
            image.load()
            return _plain_pixels(ImageOps.exif_transpose(image))
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(refusals.not_an_image, code="not_an_image") from None


def _plain_pixels(image: Image.Image) -> Image.Image:
    """RGB, or RGBA where the image has transparency, in a new image without metadata."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if transparent else "RGB"
    converted = image.convert(mode)
    if mode == "RGBA" and converted.getchannel("A").getextrema() == (255, 255):
        converted = converted.convert("RGB")
    # A fresh image carries nothing of the upload's info (EXIF, ICC profile, text).
    return Image.frombytes(converted.mode, converted.size, converted.tobytes())


def jpeg(picture: Image.Image, max_size: tuple[int, int]) -> bytes:
    """The picture scaled down to fit max_size, written out as a new JPEG.

    JPEG has no transparency: a transparent picture is put on white, as a page would show it.
    """
    if picture.mode == "RGBA":
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    picture.thumbnail(max_size, Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
