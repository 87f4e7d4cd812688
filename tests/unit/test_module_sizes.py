"""No module over 600 lines (issue 18): a module that long has grown two or more parts that
want their own names. Counted: every ``.py`` file of ours, but the tests, the migrations and the
data (templates and YAML are no ``.py``). A module over the limit is split along its seams, not
exempted; :data:`PENDING` names any whose split is under way on another branch.
"""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from tests.unit.test_import_layers import REPO_ROOT

MAX_LINES = 600
# Not ours, not code, or not counted.
SKIPPED_DIRS = frozenset({
    ".venv", ".git", "node_modules", "models", "tests", "migrations", "data", "__pycache__",
    ".rasa", "build", "dist",
})
# Over the limit while its split is under way elsewhere; remove the entry when it lands (the
# test fails once the file is gone or short, so the entry cannot linger).
PENDING: Dict[str, str] = {}


def line_count(path: Path) -> int:
    with path.open(encoding="utf-8") as handle:
        return sum(1 for _line in handle)


def long_modules(root: Path = REPO_ROOT, limit: int = MAX_LINES) -> Dict[str, int]:
    """``{relative path: lines}`` of every counted module over ``limit`` lines."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in relative.parts[:-1]):
            continue
        lines = line_count(path)
        if lines > limit:
            found[relative.as_posix()] = lines
    return found


def test_no_module_is_over_600_lines() -> None:
    found = long_modules()
    over = [f"{name}: {lines} lines" for name, lines in found.items() if name not in PENDING]
    assert not over, f"modules over {MAX_LINES} lines (split them):\n" + "\n".join(over)


def test_pending_splits_are_still_pending() -> None:
    found = long_modules()
    stale = [f"{name} ({why})" for name, why in PENDING.items() if name not in found]
    assert not stale, "no longer over the limit: remove from PENDING:\n" + "\n".join(stale)


def test_a_long_module_is_named_and_the_skipped_ones_are_not(tmp_path: Path) -> None:
    def write(relative: str, lines: int) -> None:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x = 1\n" * lines, encoding="utf-8")

    write("backend/big.py", 601)
    write("backend/fits.py", 600)
    write("tests/unit/test_big.py", 900)
    write("backend/migrations/versions/0001_big.py", 900)
    write(".venv/lib/site.py", 900)
    assert long_modules(tmp_path) == {"backend/big.py": 601}
