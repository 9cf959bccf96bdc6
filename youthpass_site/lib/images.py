"""Uploaded images (organisation logos, journal photos): only their pixels are kept.

An upload is decoded by Pillow (PNG, JPEG and WebP only, so no SVG or anything else that
can carry markup or links) into a fresh image without metadata: no EXIF location, no
comments, no colour profile. The callers scale it and write it out again (`jpeg()` for
photos).

Decoding is what costs memory, four bytes a pixel and more, so an upload is refused by
its declared size before it is decoded (a small file can declare a huge canvas), a JPEG
is decoded at a fraction of its size where the stored image is smaller anyway, and a
large image is scaled down band by band rather than converted whole.
"""

import io
import math
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from PIL import Image, ImageOps, UnidentifiedImageError

ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP")
ACCEPTED_TYPES = "image/png,image/jpeg,image/webp"
# Rows of the reduced image made from one band of the upload at a time.
_BAND_ROWS = 64


@dataclass(frozen=True)
class Refusals:
    """What the person is told when their upload is refused, in the words of its kind.

    `too_many_pixels` may name the largest size accepted, in millions of pixels, as
    %(megapixels)s.
    """

    too_large: str
    too_many_pixels: str
    not_an_image: str


def pixel_limit(image_format: str) -> int:
    # Pillow's WebP decoder holds the picture three times over while it decodes.
    if image_format == "WEBP":
        return settings.IMAGE_MAX_WEBP_PIXELS
    return settings.IMAGE_MAX_PIXELS


def _too_many_pixels(refusals: Refusals, image_format: str) -> ValidationError:
    megapixels = round(pixel_limit(image_format) / 1_000_000, 1)
    megapixels = number_format(int(megapixels) if megapixels.is_integer() else megapixels)
    return ValidationError(
        refusals.too_many_pixels, code="too_many_pixels", params={"megapixels": megapixels}
    )


def _webp_size(header: bytes) -> tuple[int, int] | None:
    """The canvas a WebP file declares: Pillow allocates it as soon as it opens the file."""
    if header[:4] != b"RIFF" or header[8:12] != b"WEBP" or len(header) < 30:
        return None
    chunk = header[12:16]
    if chunk == b"VP8 " and header[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", header[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and header[20] == 0x2F:
        bits = int.from_bytes(header[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        return int.from_bytes(header[24:27], "little") + 1, int.from_bytes(
            header[27:30], "little"
        ) + 1
    return None


def decode_upload(upload, max_bytes: int, refusals: Refusals, max_side: int) -> Image.Image:
    """The upload's pixels, upright, as RGB or RGBA without metadata, scaled down to at most
    `max_side` on either side; or ValidationError."""
    if upload.size > max_bytes:
        raise ValidationError(refusals.too_large, code="too_large")
    try:
        upload.seek(0)
        declared = _webp_size(upload.read(30))
        if declared and declared[0] * declared[1] > pixel_limit("WEBP"):
            raise _too_many_pixels(refusals, "WEBP")
        upload.seek(0)
        with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
            if image.width * image.height > pixel_limit(image.format):
                raise _too_many_pixels(refusals, image.format)
            # WeasyPrint tells Pillow to pad out truncated images when they load; a
            # verify() first still refuses a cut-off file instead of storing grey bands.
            image.verify()
        upload.seek(0)
        with Image.open(upload, formats=ACCEPTED_FORMATS) as image:
            scale = max_side / max(image.size)
            if scale < 1:
                # JPEG only: decoded at 1/2, 1/4 or 1/8 of its size, never below this.
                image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))
            image.load()
            picture = _reduced(image, max_side)
        # The upload's own pixels are freed by now; the rest works on the reduced copy.
        picture.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
        return _plain_pixels(ImageOps.exif_transpose(picture))
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise ValidationError(refusals.not_an_image, code="not_an_image") from None


def _plain_mode(image: Image.Image) -> str:
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return "RGBA" if transparent else "RGB"


def _reduced(image: Image.Image, max_side: int) -> Image.Image:
    """The image in its plain mode, scaled down by a whole factor that leaves at least
    `max_side` on its longer side; made band by band, so that no full-size copy is made."""
    factor = max(image.size) // max_side
    mode = _plain_mode(image)
    if factor < 2:
        # At most twice the size asked for: a copy costs little.
        return _with_info(image.convert(mode), image)
    width, height = image.size
    reduced = Image.new(mode, (math.ceil(width / factor), math.ceil(height / factor)))
    band = factor * _BAND_ROWS
    for top in range(0, height, band):
        piece = image.crop((0, top, width, min(top + band, height)))
        reduced.paste(piece.convert(mode).reduce(factor), (0, top // factor))
    return _with_info(reduced, image)


def _with_info(image: Image.Image, source: Image.Image) -> Image.Image:
    # The orientation is applied afterwards, from the upload's EXIF.
    image.info = dict(source.info)
    return image


def _plain_pixels(image: Image.Image) -> Image.Image:
    """RGB, or RGBA where the image has transparency, in a new image without metadata."""
    mode = _plain_mode(image)
    if image.mode != mode:
        image = image.convert(mode)
    if mode == "RGBA" and image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    # A fresh image carries nothing of the upload's info (EXIF, ICC profile, text).
    fresh = Image.new(image.mode, image.size)
    fresh.paste(image)
    return fresh


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
