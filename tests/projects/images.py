"""Image files for upload tests, made on the spot."""

import io
import os

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, PngImagePlugin

CONTENT_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp", "GIF": "image/gif"}


def image_bytes(fmt="PNG", size=(300, 120), color=(31, 63, 143), mode="RGB", **save) -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, color).save(buffer, format=fmt, **save)
    return buffer.getvalue()


def upload(data: bytes, name="logo.png", content_type="image/png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_upload(fmt="PNG", **kwargs) -> SimpleUploadedFile:
    extension = {"JPEG": "jpg"}.get(fmt, fmt.lower())
    return upload(image_bytes(fmt, **kwargs), f"logo.{extension}", CONTENT_TYPES[fmt])


def png_with_metadata() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "secret-note-from-the-designer")
    return image_bytes("PNG", pnginfo=info)


def jpeg_with_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x013B] = "Designer Name"  # Artist
    return image_bytes("JPEG", exif=exif)


def noise_png(size=(1024, 1024)) -> bytes:
    """A PNG of random pixels: does not compress, so it is about 3 bytes per pixel."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3)).save(buffer, format="PNG")
    return buffer.getvalue()


def open_image(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
