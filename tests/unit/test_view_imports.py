"""Views don't import views (docs/architecture.md, "Views and services").

A view module is a module of ``backend/api/`` (JSON) or ``backend/web/`` (pages, in
``public/`` and ``staff/`` by audience) that serves requests. What two of them share lives in a
helper module (``backend/api/helpers.py``, ``backend/web/pages.py``) or a service
(``backend/services/``, the domain modules), never in a view another view imports. Only the
route table (``backend/app.py``) imports the views; no other module of ``backend`` does (a
helper or a service importing a view would be the same knot one step removed). Like
``test_import_layers.py``, the test reads the source (imports inside functions too) and names
the file and line.
"""
from __future__ import annotations

from pathlib import Path
from typing import List, Set

from tests.unit.test_import_layers import REPO_ROOT, imported_modules, module_name

VIEW_PACKAGES = ("backend.api", "backend.web")
HELPERS = frozenset({"backend.api.helpers", "backend.web.pages"})
ROUTE_TABLES = frozenset({"backend.app"})


def view_modules(root: Path = REPO_ROOT) -> Set[str]:
    """The dotted names of the view modules: every module of the view packages and their
    subpackages but the ``__init__`` modules and the helper modules."""
    found = set()
    for package in VIEW_PACKAGES:
        for path in (root / Path(*package.split("."))).rglob("*.py"):
            name = ".".join(module_name(path, root))
            if path.name != "__init__.py" and name not in HELPERS:
                found.add(name)
    return found


def violations(root: Path = REPO_ROOT) -> List[str]:
    views = view_modules(root)
    found = []
    for path in sorted((root / "backend").rglob("*.py")):
        importer = ".".join(module_name(path, root))
        if importer in ROUTE_TABLES:
            continue
        seen = set()
        for line, name in imported_modules(path, root, names=True):
            if name in views and name != importer and (line, name) not in seen:
                seen.add((line, name))
                kind = "view" if importer in views else "non-view module"
                found.append(f"{path.relative_to(root)}:{line}: {kind} {importer} imports {name}")
    return found


def test_no_module_but_the_route_table_imports_a_view() -> None:
    found = violations()
    assert not found, (
        "a view imported outside backend/app.py (move what is shared to backend/api/helpers.py, "
        "backend/web/pages.py or backend/services/):\n" + "\n".join(found)
    )


def test_the_views_are_found() -> None:
    views = view_modules()
    assert {
        "backend.api.intakes", "backend.web.staff.dashboard", "backend.web.public.kopie",
    } <= views
    assert not views & HELPERS
    assert all(name.startswith(VIEW_PACKAGES) for name in views)


def test_a_planted_view_import_is_named(tmp_path: Path) -> None:
    for package in ("backend", "backend/api", "backend/web", "backend/services"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    (tmp_path / "backend" / "api" / "intakes.py").write_text("def send(): pass\n")
    (tmp_path / "backend" / "api" / "helpers.py").write_text("def object_body(): pass\n")
    (tmp_path / "backend" / "web" / "pages.py").write_text("def csrf_token(): pass\n")
    (tmp_path / "backend" / "web" / "dashboard.py").write_text(
        "from backend.web.pages import csrf_token\n"  # a helper: fine
        "from backend.api.helpers import object_body\n"  # a helper: fine
        "def f():\n"
        "    from backend.api.intakes import send\n"  # a view, inside a function
    )
    (tmp_path / "backend" / "web" / "kopie.py").write_text("from backend.api import intakes\n")
    (tmp_path / "backend" / "web" / "staff").mkdir()
    (tmp_path / "backend" / "web" / "staff" / "__init__.py").write_text("")
    (tmp_path / "backend" / "web" / "staff" / "admin.py").write_text(
        "from backend.web import kopie\n"  # a view in a subpackage imports a view
    )
    (tmp_path / "backend" / "services" / "mail.py").write_text("from ..web import dashboard\n")
    (tmp_path / "backend" / "app.py").write_text("from backend.web import dashboard, kopie\n")
    assert violations(tmp_path) == [
        "backend/services/mail.py:1: non-view module backend.services.mail imports "
        "backend.web.dashboard",
        "backend/web/dashboard.py:4: view backend.web.dashboard imports backend.api.intakes",
        "backend/web/kopie.py:1: view backend.web.kopie imports backend.api.intakes",
        "backend/web/staff/admin.py:1: view backend.web.staff.admin imports backend.web.kopie",
    ]
