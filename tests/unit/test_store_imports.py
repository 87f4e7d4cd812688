"""The store speaks no HTTP (docs/architecture.md, "Layers"): no module under ``backend/store``
imports ``aiohttp``, ``backend.api`` or ``backend.web``, directly or through another module of
ours. Views map the store's errors to HTTP answers, never the other way round.

Like ``test_import_layers.py`` the test reads the source (nothing is imported), including
imports inside functions, and names the chain of modules that leads to an offending import.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from tests.unit.test_import_layers import imported_modules

REPO_ROOT = Path(__file__).resolve().parents[2]
STORE = ("backend", "store")
FORBIDDEN = ("aiohttp", "backend.api", "backend.web")


def module_path(name: str, root: Path) -> Optional[Path]:
    """The file of module ``name`` in the repository, or None (a library, or no such module)."""
    base = root.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imports_of(path: Path, root: Path) -> Iterator[Tuple[int, str]]:
    """``(line, module)`` of every import in ``path``: ``from backend.rules import casework``
    gives ``backend.rules.casework`` (a module) as well as ``backend.rules``; relative imports
    resolved."""
    return imported_modules(path, root, names=True)


def forbidden(module: str) -> bool:
    return any(module == f or module.startswith(f + ".") for f in FORBIDDEN)


def violations(root: Path = REPO_ROOT) -> List[str]:
    """Each store module's way to a forbidden import, as ``file:line: a -> b -> aiohttp``."""
    found = []
    for start in sorted(root.joinpath(*STORE).rglob("*.py")):
        seen: Dict[Path, List[str]] = {start: [str(start.relative_to(root))]}
        todo = [start]
        while todo:
            path = todo.pop()
            named = set()  # one report per import statement
            for line, module in imports_of(path, root):
                chain = seen[path]
                if forbidden(module):
                    if line not in named:
                        named.add(line)
                        found.append(f"{chain[0]}: " + " -> ".join(
                            chain[1:] + [f"{path.relative_to(root)}:{line} imports {module}"]
                        ))
                    continue
                target = module_path(module, root)
                if target is not None and target not in seen and module.split(".")[0] == "backend":
                    seen[target] = chain + [f"{path.relative_to(root)}:{line}"]
                    todo.append(target)
    return sorted(set(found))


def test_the_store_imports_no_http() -> None:
    found = violations()
    assert not found, "the store reaches HTTP code:\n" + "\n".join(found)


def test_the_walk_reads_the_store() -> None:
    stems = {path.stem for path in REPO_ROOT.joinpath(*STORE).glob("*.py")}
    assert {"errors", "intakes", "privacy"} <= stems
    intakes = REPO_ROOT / "backend" / "store" / "intakes.py"
    modules = [module for _line, module in imports_of(intakes, REPO_ROOT)]
    assert "backend.store.errors" in modules and "backend.auth.access" in modules


def _plant(root: Path, files: Dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_direct_import_is_named(tmp_path: Path) -> None:
    _plant(tmp_path, {
        "backend/__init__.py": "",
        "backend/store/__init__.py": "",
        "backend/store/good.py": "from sqlalchemy import select\nfrom . import bad\n",
        "backend/store/bad.py": "import json\n\ndef f():\n    from aiohttp import web\n",
        "backend/web/__init__.py": "",
        "backend/web/pages.py": "",
        "backend/store/worse.py": "from backend.web import pages\n",
    })
    found = violations(tmp_path)
    assert "backend/store/bad.py: backend/store/bad.py:4 imports aiohttp" in found
    assert "backend/store/worse.py: backend/store/worse.py:1 imports backend.web" in found
    assert any(v.startswith("backend/store/good.py: backend/store/good.py:2") for v in found)


def test_an_import_through_another_module_is_named(tmp_path: Path) -> None:
    _plant(tmp_path, {
        "backend/__init__.py": "",
        "backend/helpers.py": "from backend.api.intakes import intake_json\n",
        "backend/store/__init__.py": "",
        "backend/store/intakes.py": "from backend import helpers\n",
    })
    assert violations(tmp_path) == [
        "backend/store/intakes.py: backend/store/intakes.py:1 -> "
        "backend/helpers.py:1 imports backend.api.intakes"
    ]
