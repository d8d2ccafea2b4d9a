"""`core` is a leaf: it imports nothing from any other app of `tdc` (docs/architecture.md)."""

import ast
from pathlib import Path

import tdc.core

CORE = Path(tdc.core.__file__).resolve().parent


def _tdc_imports(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
            if node.module == "tdc":
                names += [f"tdc.{alias.name}" for alias in node.names]
    return [n for n in names if n == "tdc" or n.startswith("tdc.")]


def test_core_imports_no_other_tdc_app():
    offenders = [
        f"{path.relative_to(CORE)}: {name}"
        for path in sorted(CORE.rglob("*.py"))
        for name in _tdc_imports(path)
        if name != "tdc" and name != "tdc.core" and not name.startswith("tdc.core.")
    ]

    assert offenders == []


def test_the_check_sees_every_kind_of_import(tmp_path):
    module = tmp_path / "m.py"
    source = [
        "import tdc.accounts.models",
        "from tdc . plans import demo",
        "from tdc import complaints",
        "def f():\n    from tdc .metrology.models import Instrument",
        "from tdc.core.audit import record",
    ]
    module.write_text("\n".join(source) + "\n")

    assert sorted(_tdc_imports(module)) == [
        "tdc",
        "tdc.accounts.models",
        "tdc.complaints",
        "tdc.core.audit",
        "tdc.metrology.models",
        "tdc.plans",
    ]
