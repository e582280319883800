"""The project's structure: every import points down the layers, and no packages import each other.

Each top-level module or package of `src/eventwire` belongs to one layer; a module may import
only from layers below its own (lazy imports inside functions and imports for type checking
count too: they are arrows of the structure all the same). The stages keep the order a document
travels in, so no two of them import each other either.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "eventwire"

LAYERS: tuple[tuple[str, ...], ...] = (
    # the records and what every stage reads
    ("errors", "records", "datafiles", "version", "compiled_cache"),
    ("config",),
    # the stages, in the order a document meets them
    ("ingest",),
    ("extract",),
    ("annotate",),
    ("actors",),
    ("coder",),
    ("quotes",),
    ("geo",),
    ("stories",),
    # the one chain of the stages, and its Python front door
    ("pipeline",),
    ("coding",),
    ("store",),
    ("engines",),
    ("evaluation", "watch"),
    # what the command line and the server read and show
    ("reads",),
    ("serving",),
    ("api", "web"),
    ("server",),
    ("cli",),
    # the package itself: its version and `code_text`, re-exported
    ("eventwire",),
)
LAYER_OF = {unit: n for n, layer in enumerate(LAYERS) for unit in layer}


def _unit(module: str) -> str | None:
    """The top-level module or package of `eventwire.x.y` (x), `eventwire` for the package itself."""
    parts = module.split(".")
    if parts[0] != "eventwire":
        return None
    return parts[1] if len(parts) > 1 else "eventwire"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, int]]:
    """(module imported, line) for every import in the file, wherever it stands."""
    found = []
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            found.append((module, node.lineno))
    return found


def _arrows() -> list[tuple[str, str, str]]:
    """(importing unit, imported unit, where) for every import between two units."""
    arrows = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = _unit(_module_name(path))
        assert source is not None
        for module, line in _imports(path):
            target = _unit(module)
            if target is not None and target != source:
                arrows.append((source, target, f"{path.relative_to(PACKAGE)}:{line}"))
    return arrows


def test_layers_every_unit_has_a_layer() -> None:
    units = {
        _unit(_module_name(p)) for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts
    }
    assert units - set(LAYER_OF) == set(), "add the new module or package to LAYERS"
    assert set(LAYER_OF) - units == set(), "LAYERS names a module or package that is gone"


def test_layers_every_import_points_down() -> None:
    upward = [
        f"{where}: {source} imports {target}"
        for source, target, where in _arrows()
        if LAYER_OF[target] >= LAYER_OF[source]
    ]
    assert upward == []


def test_layers_store_imports_no_stage() -> None:
    """The store keeps rows of records: it reads no stage's code, and no stage reads the store."""
    base = {unit for layer in LAYERS[:2] for unit in layer}
    assert [f"{w}: store imports {t}" for s, t, w in _arrows() if s == "store" and t not in base] == []
