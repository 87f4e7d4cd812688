"""Imports run one way (docs/architecture.md, "Layers"):

    wegwijzer  →  shared  →  backend | actions | bot  →  cli

A package may import from its own layer's package and from the layers to its left, never to its
right, and ``backend``, ``actions`` and ``bot`` (three processes) never import one another. The
test reads every module's source (no import is run), including imports inside functions, and
names each offending file and line.
"""
from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Tuple

REPO_ROOT = Path(__file__).resolve().parents[2]

# What each of our packages may import of ours (besides itself).
ALLOWED: Dict[str, FrozenSet[str]] = {
    "wegwijzer": frozenset(),
    "shared": frozenset({"wegwijzer"}),
    "backend": frozenset({"wegwijzer", "shared"}),
    "actions": frozenset({"wegwijzer", "shared"}),
    "bot": frozenset({"wegwijzer", "shared"}),
    "cli": frozenset({"wegwijzer", "shared", "backend", "actions", "bot"}),
}
OURS = frozenset(ALLOWED)


def module_name(path: Path, root: Path) -> List[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported_modules(
    path: Path, root: Path = REPO_ROOT, names: bool = False
) -> Iterator[Tuple[int, str]]:
    """``(line, absolute module name)`` of every import in ``path``, relative ones resolved.
    With ``names``, ``from a import b`` also gives ``a.b`` (which may be a module)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = module_name(path, root)
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            yield node.lineno, module
            if names:
                for alias in node.names:
                    yield node.lineno, f"{module}.{alias.name}"


def violations(root: Path = REPO_ROOT) -> List[str]:
    found = []
    for package in sorted(OURS):
        for path in sorted((root / package).rglob("*.py")):
            for line, module in imported_modules(path, root):
                target = module.split(".")[0]
                if target in OURS and target != package and target not in ALLOWED[package]:
                    where = path.relative_to(root)
                    found.append(f"{where}:{line}: {package} imports {module}")
    return found


def test_imports_run_one_way() -> None:
    found = violations()
    assert not found, "imports against the layer order:\n" + "\n".join(found)


def test_the_walk_sees_the_packages_and_their_imports() -> None:
    """The check can fail: it finds the layered packages and reads imports inside functions."""
    for package in ("wegwijzer", "shared", "backend", "actions", "bot", "cli"):
        assert (REPO_ROOT / package / "__init__.py").is_file(), package
    lines = dict(imported_modules(REPO_ROOT / "bot" / "serve.py"))
    assert lines, "no import found in bot/serve.py"


def test_a_wrong_import_is_named(tmp_path: Path) -> None:
    bad = tmp_path / "wegwijzer" / "bad.py"
    bad.parent.mkdir()
    (bad.parent / "__init__.py").write_text("")
    bad.write_text("def f():\n    from backend import db\n    from . import vocab\n")
    assert list(imported_modules(bad, tmp_path)) == [(2, "backend"), (3, "wegwijzer")]
    assert violations(tmp_path) == ["wegwijzer/bad.py:2: wegwijzer imports backend"]
