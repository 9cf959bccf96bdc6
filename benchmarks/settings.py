"""The production settings, with the URLs of benchmarks/urls.py: for load.py only."""

from youthpass_site.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
