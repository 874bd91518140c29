"""The package's stages import one way: each subpackage only from the stages listed below it.

The imports are read with `ast` (module level and inside functions, `TYPE_CHECKING` blocks
included), so a lazy import cannot hide an upward edge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import docverify

PACKAGE = Path(docverify.__file__).parent

# Lowest first. A stage may import its own modules and any stage in an earlier row; the stages
# of one row do not import each other. The shared ground is every top-level module not named.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("ground",),
    ("site", "curl", "clients", "emulator"),
    ("page",),
    ("gitbook", "pageset"),
    ("translations", "traffic"),
    ("checks",),
    ("integrations",),
    ("interface",),
)
RANK = {stage: rank for rank, row in enumerate(LAYERS) for stage in row}
# Modules (and subpackages) that make up one stage between them. `credentials` (which names
# hold a credential) is ground: traffic's scrubber and recorder, checks, integrations and the CLI
# all ask the one rule, so it sits below every one of them.
STAGES = {"__init__": "ground", "model": "ground", "errors": "ground", "fsutil": "ground",
          "report": "ground", "progress": "ground", "fanout": "ground", "collector": "ground",
          "credentials": "ground",
          "commands": "interface", "cli": "interface", "__main__": "interface"}


def stage_of(module: str) -> str | None:
    """`docverify.page.parse` -> `page`; None for `docverify` itself and for other packages."""
    parts = module.split(".")
    if parts[0] != "docverify" or len(parts) < 2:
        return None
    return STAGES.get(parts[1], parts[1])


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every `docverify` import in a file, resolved to absolute names."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            # `from docverify import x` names a stage by its attribute, `from docverify.a import b` by its module.
            found += [(node.lineno, name) for name in names] if node.module == "docverify" else [
                (node.lineno, node.module)]
    return [(line, name) for line, name in found if name.split(".")[0] == "docverify"]


def upward_imports(package: Path) -> list[str]:
    """`file:line imports docverify.x (stage x is not below stage y)` for every edge against LAYERS."""
    problems = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent)
        here = STAGES.get(rel.parts[1] if len(rel.parts) > 2 else path.stem,
                          rel.parts[1] if len(rel.parts) > 2 else path.stem)
        if here not in RANK:
            problems.append(f"{rel}: stage {here!r} is in no row of LAYERS")
            continue
        for line, module in imports_of(path):
            there = stage_of(module)
            if there is None or there == here or module == "docverify.__version__":
                continue
            if there not in RANK:
                problems.append(f"{rel}:{line} imports {module}: stage {there!r} is in no row of LAYERS")
            elif RANK[there] >= RANK[here]:
                target = PACKAGE.parent / Path(*module.split(".")[:2])
                shown = target if target.is_dir() else target.with_suffix(".py")
                problems.append(f"{rel}:{line} imports {module} ({shown.relative_to(PACKAGE.parent)}): "
                                f"stage {there!r} is not below stage {here!r}")
    return problems


def test_every_stage_imports_only_stages_below_it() -> None:
    assert upward_imports(PACKAGE) == []


def test_a_planted_upward_import_is_named_with_both_files(tmp_path: Path) -> None:
    # A copy of the package with one lazy upward import: page/ reaching into checks/.
    planted = tmp_path / "docverify"
    for path in PACKAGE.rglob("*.py"):
        target = planted / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    parse = planted / "page" / "parse.py"
    parse.write_text(parse.read_text(encoding="utf-8")
                     + "\n\ndef _late() -> None:\n    from docverify.checks import CHECKS  # noqa\n",
                     encoding="utf-8")
    problems = upward_imports(planted)
    assert len(problems) == 1, problems
    assert problems[0].startswith("docverify/page/parse.py:")
    assert "docverify/checks" in problems[0] and "stage 'checks' is not below stage 'page'" in problems[0]


def test_every_stage_says_what_it_owns_and_may_import() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert doc, f"{init.relative_to(PACKAGE.parent)} has no docstring"
