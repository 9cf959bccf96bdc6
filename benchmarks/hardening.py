"""Worst cases of the work a single request can ask for, with their goals from the
security-hardening issue.

    DEBUG=1 .venv/bin/python benchmarks/hardening.py [--diff] [--images]

--diff: the word diff of the review and history pages on the costliest pairs of texts
        the forms accept (4,000 characters each), slowest of 5 runs; goal <= 50 ms.
--images: peak memory of re-encoding the largest image an upload may carry as a journal
          photo and as a logo (reencode_photo, reencode_logo), each in a fresh process:
          the peak resident memory (VmHWM) less the memory before; Linux only;
          goal <= 100 MB.

Machines are noisy: compare figures from one run.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LIMIT = 4000
GOAL_DIFF_MS = 50
GOAL_IMAGE_MB = 100


def setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthpass_site.settings")
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def words(rng, count, vocabulary):
    return " ".join(rng.choice(vocabulary) for _ in range(count))


def diff_cases():
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(50)]
    prose = words(rng, 700, vocabulary)[:LIMIT]
    edited = prose.split(" ")
    for index in rng.sample(range(len(edited)), 30):
        edited[index] = "changed"
    return {
        "probe: 'a ' * 2000 vs 'a b ' * 1000": ("a " * 2000, "a b " * 1000),
        "punctuation: 'a.' * 2000 vs '.a' * 2000": ("a." * 2000, ".a" * 2000),
        "nothing shared: 'a ' * 2000 vs 'b ' * 2000": ("a " * 2000, "b " * 2000),
        "nothing shared, 4,000 tokens each: 'a.' * 2000 vs 'b,' * 2000": ("a." * 2000, "b," * 2000),
        "two random texts of 50 words": (
            words(rng, 800, vocabulary)[:LIMIT],
            words(rng, 800, vocabulary)[:LIMIT],
        ),
        "two random texts of 2 words": (
            words(rng, 2000, ["a", "b"])[:LIMIT],
            words(rng, 2000, ["a", "b"])[:LIMIT],
        ),
        "30 words changed in 4,000 characters": (prose, " ".join(edited)),
    }


def run_diff():
    setup()
    from youthpass_site.lib.textdiff import word_diff

    print(f"word diff, slowest of 5 (goal <= {GOAL_DIFF_MS} ms)")
    for name, (old, new) in diff_cases().items():
        assert len(old) <= LIMIT and len(new) <= LIMIT
        times = []
        for _ in range(5):
            start = time.perf_counter()
            word_diff(old, new)
            times.append(time.perf_counter() - start)
        print(f"  {max(times) * 1000:8.1f} ms  {name}")


IMAGE_CASE = """
import sys
sys.path.insert(0, {base!r})
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "youthpass_site.settings")
os.environ.setdefault("DEBUG", "1")
import django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from participants.learning_forms import reencode_photo
from projects.logos import reencode_logo
def status(field):
    return int(open("/proc/self/status").read().split(field + ":")[1].split()[0])
upload = SimpleUploadedFile("x", open({path!r}, "rb").read())
# The peak is counted from here: writing 5 to clear_refs resets VmHWM (Linux).
open("/proc/self/clear_refs", "w").write("5")
before = status("VmRSS")
stored = (reencode_photo if {use!r} == "photo" else reencode_logo)(upload)
print((status("VmHWM") - before) / 1024, len(stored))
"""


def run_images(directory: Path):
    from PIL import Image

    setup()
    from django.conf import settings

    print(f"peak memory of one upload, the largest accepted (goal <= {GOAL_IMAGE_MB} MB)")
    for kind, mode in (
        ("PNG", "RGBA"),
        ("PNG", "RGB"),
        ("PNG", "P"),
        ("JPEG", "RGB"),  # progressive, no chroma subsampling: the costliest to decode
        ("WEBP", "RGBA"),
    ):
        pixels = settings.IMAGE_MAX_WEBP_PIXELS if kind == "WEBP" else settings.IMAGE_MAX_PIXELS
        width = int((pixels * 4 / 3) ** 0.5)  # a photo's 4:3
        height = pixels // width
        path = directory / f"largest-{mode}.{kind.lower()}"
        options = {"progressive": True, "subsampling": 0} if kind == "JPEG" else {}
        Image.new(mode, (width, height), "white").save(path, kind, **options)
        for use in ("photo", "logo"):
            result = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    IMAGE_CASE.format(base=str(BASE_DIR), path=str(path), use=use),
                ],
                capture_output=True,
                text=True,
                check=True,
            )
            megabytes, size = result.stdout.split(" ", 1)
            print(
                f"  {float(megabytes):7.1f} MB  {kind} {mode} {width}x{height},"
                f" {path.stat().st_size // 1024} kB, as a {use}: {int(size) // 1024} kB stored"
            )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--diff", action="store_true")
    parser.add_argument("--images", action="store_true")
    options = parser.parse_args()
    if options.diff or not options.images:
        run_diff()
    if options.images or not options.diff:
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            run_images(Path(directory))


if __name__ == "__main__":
    main()
