"""The apps' order holds for what import-linter cannot see: models looked up by name and
dotted paths in strings are imports too (import-linter checks the import statements,
in CI and `make lint`)."""

import ast
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _layers() -> list[set[str]]:
    """The contract's layers from the bottom, each a set of top-level packages."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    (contract,) = config["tool"]["importlinter"]["contracts"]
    layers = []
    for layer in reversed(contract["layers"]):
        names = {name.strip() for part in layer.split("|") for name in part.split(":")}
        layers.append({name.split(".")[0] for name in names})
    return layers


LAYERS = _layers()
# The one upward reference by name, on purpose: every app records in the activity log,
# so audit sits at the bottom, and its events belong to an organisation.
ALLOWED = {("audit", "projects.Organisation")}
APPS = [app for layer in LAYERS for app in sorted(layer) if app != "youthpass_site"]


def _level(app: str) -> int:
    return next(level for level, layer in enumerate(LAYERS) if app in layer)


def _modules():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield app, path


def _names_used(tree) -> list[str]:
    """Dotted names in string literals, and the arguments of apps.get_model()."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if value.count(".") >= 1 and " " not in value and value.split(".")[0] in APPS:
                names.append(value)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get_model":
            names.append(f"get_model({ast.unparse(node.args)})")
    return names


def test_the_contract_names_every_app():
    assert set(APPS) >= {a for a in settings.INSTALLED_APPS if (ROOT / a).is_dir()}


@pytest.mark.parametrize(("app", "path"), list(_modules()), ids=lambda v: str(v))
def test_no_model_or_module_above_is_named_in_a_string(app, path):
    tree = ast.parse(path.read_text())
    upward = [
        name
        for name in _names_used(tree)
        if name.startswith("get_model")
        or (_level(name.split(".")[0]) > _level(app) and (app, name) not in ALLOWED)
    ]
    assert not upward, f"{path.relative_to(ROOT)} reaches above {app}: {upward}"
