"""The house layout (CONTRIBUTING.md): a layer that grows becomes a package split by sub-domain,
never prefix-named siblings such as `execution_views.py` beside `views.py`."""

from pathlib import Path

import tdc

ROOT = Path(tdc.__file__).resolve().parent
# Django's own convention: the settings the test run uses, beside the settings.
ALLOWED = {"test_settings.py"}
# The layers of an app: a module named after one plus a prefix is that layer's package trying
# to get out, wherever it stands.
LAYERS = {
    "access",
    "admin",
    "api",
    "demo",
    "exports",
    "forms",
    "jobs",
    "models",
    "queries",
    "services",
    "urls",
    "views",
}


def _siblings_sharing_a_name(folder: Path, root: Path = ROOT) -> list[str]:
    names = {p.stem for p in folder.glob("*.py")} | {
        p.name for p in folder.iterdir() if p.is_dir() and (p / "__init__.py").exists()
    }
    offenders = []
    for module in sorted(folder.glob("*_*.py")):
        if module.name in ALLOWED:
            continue
        parts = module.stem.split("_")
        if parts[0] in names | LAYERS or parts[-1] in names | LAYERS:
            offenders.append(str(module.relative_to(root)))
    return offenders


def test_no_prefix_named_sibling_modules():
    folders = [
        p
        for p in [ROOT, *ROOT.rglob("*")]
        if p.is_dir() and "migrations" not in p.parts and "tests" not in p.parts
    ]

    assert [o for folder in folders for o in _siblings_sharing_a_name(folder)] == []


def test_the_check_sees_the_old_layout(tmp_path):
    for name in (
        "views.py",
        "execution_views.py",
        "urls.py",
        "urls_documents.py",
        "api_pagination.py",
        "text.py",
        "clean_input.py",
    ):
        (tmp_path / name).write_text("")

    assert _siblings_sharing_a_name(tmp_path, tmp_path) == [
        "api_pagination.py",
        "execution_views.py",
        "urls_documents.py",
    ]
