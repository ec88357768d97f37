"""The code follows the flow: no import circles, nothing imports against the pipeline's
direction, and only deckgen.pptx touches python-pptx and lxml (read from the source, with ast)."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "deckgen"

# Bottom to top: a module may import from its own layer and those below it, never above.
# The kinds sit below the model because each kind module declares its slide's model class; the
# model (the Deck) is made of them. The pptx seam writes plans; the pipeline runs the stages.
LAYERS = [
    ("vocabulary", {"errors", "resources", "files", "markup", "sandbox", "cachedir", "budget", "localkey"}),
    ("words and looks", {"theme", "words", "fonts", "fields"}),
    ("text", {"text", "escapes"}),
    ("reading", {"source", "readers", "drawn"}),
    ("diagrams", {"diagrams"}),
    ("plans", {"plan", "plan_check", "room"}),
    ("kinds", {"kinds"}),
    ("model", {"model", "schema"}),
    ("tailoring and checking", {"templating", "validation", "timing"}),
    ("inputs", {"assets"}),
    ("template policy", {"template"}),
    ("planning", {"planning", "render_check"}),
    ("the seam", {"pptx"}),
    ("the pipeline", {"pipeline", "export", "handout", "batch", "watch", "starter"}),
    ("commands", {"cli", "serve", "importer", "__main__", "__init__"}),
]
RANK = {name: rank for rank, (_, names) in enumerate(LAYERS) for name in names}


def modules() -> dict[str, Path]:
    return {".".join(("deckgen", *p.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(".__init__"): p for p in PACKAGE.rglob("*.py")}


def imports(name: str, path: Path) -> list[tuple[str, int]]:
    """Return (module imported, line) for every import in the file, in functions too."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            out += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            known = modules()
            submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in known]
            # `from . import agenda` imports the module deckgen.kinds.agenda (its package's
            # __init__ only hands names on); `from .kinds import KINDS` imports the package itself
            out += [(m, node.lineno) for m in submodules] if submodules else [(target, node.lineno)]
    return out


def layer_of(module: str) -> int:
    parts = module.split(".")
    return RANK[parts[1] if len(parts) > 1 else "__init__"]


def graph() -> dict[str, set[str]]:
    known = modules()
    edges: dict[str, set[str]] = {m: set() for m in known}
    for name, path in known.items():
        for target, _ in imports(name, path):
            if target in known and target != name:
                edges[name].add(target)
    return edges


def test_every_module_has_a_layer():
    assert not [m for m in modules() if m != "deckgen" and m.split(".")[1] not in RANK]


def test_only_the_pptx_seam_imports_python_pptx_or_lxml():
    wrong = [
        f"{name}:{line} imports {target}"
        for name, path in modules().items()
        for target, line in imports(name, path)
        if target.split(".")[0] in ("pptx", "lxml") and not name.startswith("deckgen.pptx")
    ]
    assert not wrong


def test_no_import_runs_against_the_flow():
    wrong = [
        f"{name}:{line} ({LAYERS[layer_of(name)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for name, path in modules().items()
        for target, line in imports(name, path)
        if target.startswith("deckgen") and target in modules() and layer_of(target) > layer_of(name)
    ]
    assert not wrong


def test_there_is_no_import_circle():
    edges = graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            # a package's __init__ imports its modules, which import their siblings: not a circle
            # unless the modules import the package's __init__ back
            if len(component) > 1:
                circles.append(sorted(component))

    for v in edges:
        if v not in index:
            visit(v)
    assert not circles


@pytest.mark.parametrize("stage", ["plan", "check"])
def test_planning_a_deck_never_loads_python_pptx(stage, tmp_path):
    """The kinds, the plans and the layout check run with python-pptx and lxml unimportable."""
    script = textwrap.dedent(f"""
        import sys
        sys.modules["pptx"] = None
        sys.modules["lxml"] = None
        from deckgen.pipeline import default_outline, load
        from deckgen.planning import plan_deck
        from deckgen.plan_check import layout_problems
        from tests.plan_template import builtin_like
        loaded = load(default_outline())
        planned = plan_deck(loaded.deck, builtin_like(loaded.deck), diagrams=loaded.diagrams)
        if {stage!r} == "check":
            layout_problems(planned.slides, planned.template)
        print(len(planned.slides), sorted(m for m in sys.modules if m.startswith(("pptx", "lxml")) and sys.modules[m] is not None))
    """)
    root = PACKAGE.parent
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["16", "[]"]


def test_every_import_inside_a_function_says_what_it_defers():
    """Imports go at the top; one inside a function defers a heavy dependency or keeps
    `deckgen --help` fast, and says so on its line."""
    silent = []
    for name, path in modules().items():
        lines = path.read_text().split("\n")
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)) and "#" not in lines[inner.end_lineno - 1]:
                        silent.append(f"{name}:{inner.lineno}")
    assert not silent
