"""The import graph of the project's apps, read from the source with ``ast``.

Used by tests/test_import_contract.py, and as a script to count cycles and
function-level imports in any checkout of the project:

    python tests/import_graph.py [ROOT]
"""

import ast
import json
import sys
from dataclasses import dataclass
from pathlib import Path

APPS = ("authoring", "config", "preview", "referential", "review", "runtime")
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Import:
    """One import statement: the module it names and whether it is in a function."""

    importer: str
    imported: tuple[str, ...]  # candidates, most specific first
    inline: bool
    line: int


def app_files(root: Path = ROOT) -> dict[str, Path]:
    """Return every app module by dotted name (migrations left out)."""
    files = {}
    for app in APPS:
        for path in sorted((root / app).rglob("*.py")):
            relative = path.relative_to(root).with_suffix("")
            if "migrations" in relative.parts:
                continue
            parts = (
                relative.parts[:-1] if relative.name == "__init__" else relative.parts
            )
            files[".".join(parts)] = path
    return files


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    """Return the absolute name of a ``from`` import's module."""
    if not node.level:
        return node.module or ""
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)


def _inline_lines(tree: ast.Module) -> set[int]:
    """Return the lines of imports written inside a function."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    lines.add(inner.lineno)
    return lines


def module_imports(module: str, path: Path) -> list[Import]:
    """Return the imports of one module, top-level and function-level."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    inline = _inline_lines(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [(alias.name,) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, path.name == "__init__.py", node)
            # "from package import name": the submodule if name is one, else
            # the package itself.
            names = [(f"{base}.{alias.name}", base) for alias in node.names]
        else:
            continue
        found += [
            Import(module, name, node.lineno in inline, node.lineno) for name in names
        ]
    return found


def resolve(names: tuple[str, ...], modules: set[str]) -> str | None:
    """Return the app module an import stands for, or None (third party).

    ``names`` are the candidates, most specific first: "from a.b import c"
    means the module a.b.c if there is one, else a module a.b.
    """
    for name in names[:-1]:
        if name in modules:
            return name
    name = names[-1]
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(root: Path = ROOT) -> tuple[dict[str, set[str]], list[Import]]:
    """Return the graph module -> app modules it imports, and every import.

    The imports list holds third-party ones too (django, wagtail…).
    """
    files = app_files(root)
    graph: dict[str, set[str]] = {module: set() for module in files}
    imports = []
    for module, path in files.items():
        for item in module_imports(module, path):
            imports.append(item)
            target = resolve(item.imported, set(files))
            if target is not None and target != module:
                graph[module].add(target)
    return graph, imports


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def function_level_imports(root: Path = ROOT) -> list[Import]:
    """Return every import written inside a function, any module imported."""
    found = []
    for module, path in app_files(root).items():
        found += [item for item in module_imports(module, path) if item.inline]
    # A "from x import y" statement counts once, not once per name.
    return sorted({(i.importer, i.line): i for i in found}.values(), key=str)


def figures(root: Path = ROOT) -> dict:
    """Return the import cycles and the function-level imports of a checkout."""
    graph, _imports = import_graph(root)
    found = cycles(graph)
    inline = function_level_imports(root)
    return {
        "import_cycles": len(found),
        "modules_in_cycles": sum(len(cycle) for cycle in found),
        "cycles": found,
        "function_level_imports": len(inline),
        "function_level_import_sites": [f"{i.importer}:{i.line}" for i in inline],
    }


if __name__ == "__main__":
    found = figures(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT)
    print(json.dumps(found, indent=1))  # noqa: T201 - a script's output
