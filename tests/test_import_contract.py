"""Imports flow one way: the layers of ARCHITECTURE.md, read from the source.

Every app module is parsed with ``ast`` (imports inside functions count too,
see tests/import_graph.py). Each rule is a function returning its violations,
tested on a small synthetic graph so that each can be seen to fail.
"""

import pytest

from tests.import_graph import Import, cycles, function_level_imports, import_graph

FORBIDDEN_IN_RUNTIME = ("authoring", "review", "preview")
PURE_DOMAINS = ("runtime.domain", "review.domain")
FRAMEWORKS = ("django", "wagtail")


def _under(module: str, package: str) -> bool:
    return module == package or module.startswith(f"{package}.")


def _is_models(module: str) -> bool:
    return "models" in module.split(".")


def _is_views(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last == "views" or last.endswith("_views")


def models_importing_views(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Return (models module, views module) pairs: models never import views."""
    return sorted(
        (module, target)
        for module, targets in graph.items()
        if _is_models(module)
        for target in targets
        if _is_views(target)
    )


def runtime_importing_other_apps(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Return runtime modules importing authoring, review or preview."""
    return sorted(
        (module, target)
        for module, targets in graph.items()
        if _under(module, "runtime")
        for target in targets
        if target.split(".")[0] in FORBIDDEN_IN_RUNTIME
    )


def presentation_importing_beyond_domain(
    graph: dict[str, set[str]],
) -> list[tuple[str, str]]:
    """Return presentation imports of app modules other than the domain."""
    return sorted(
        (module, target)
        for module, targets in graph.items()
        if _under(module, "runtime.presentation")
        for target in targets
        if not (
            _under(target, "runtime.domain") or _under(target, "runtime.presentation")
        )
    )


def domain_importing_frameworks(imports: list[Import]) -> list[tuple[str, str]]:
    """Return (domain module, django/wagtail module) pairs: the domain is pure."""
    return sorted(
        {
            (item.importer, name)
            for item in imports
            if any(_under(item.importer, domain) for domain in PURE_DOMAINS)
            for name in item.imported[-1:]
            if name.split(".")[0] in FRAMEWORKS
        }
    )


@pytest.fixture(scope="module")
def project():
    return import_graph()


def test_no_import_cycle(project):
    """No module reaches itself through imports, inline ones included."""
    graph, _imports = project

    assert cycles(graph) == []


def test_no_models_module_imports_a_views_module(project):
    graph, _imports = project

    assert models_importing_views(graph) == []


def test_runtime_never_imports_authoring_review_or_preview(project):
    graph, _imports = project

    assert runtime_importing_other_apps(graph) == []


def test_presentation_imports_only_the_domain(project):
    graph, _imports = project

    assert presentation_importing_beyond_domain(graph) == []


def test_the_domains_import_neither_django_nor_wagtail(project):
    _graph, imports = project

    assert domain_importing_frameworks(imports) == []


def test_imports_inside_functions_make_edges_and_cycles(tmp_path):
    """A function-level import counts like a top-level one (a synthetic app)."""
    app = tmp_path / "authoring"
    app.mkdir()
    (app / "__init__.py").write_text("")
    (app / "a.py").write_text("def f():\n    from authoring import b\n")
    (app / "b.py").write_text("import authoring.a\nfrom django.db import models\n")

    graph, imports = import_graph(tmp_path)

    assert cycles(graph) == [["authoring.a", "authoring.b"]]
    assert [(i.importer, i.inline) for i in function_level_imports(tmp_path)] == [
        ("authoring.a", True)
    ]
    assert ("authoring.b", ("django.db.models", "django.db")) in {
        (i.importer, i.imported) for i in imports
    }


# Each rule can fail: synthetic graphs that break it.


def test_the_cycle_finder_names_each_cycles_modules():
    graph = {
        "a.models": {"a.checks"},
        "a.checks": {"a.services"},
        "a.services": {"a.models", "b.x"},
        "b.x": set(),
        "c.models": {"c.services"},
        "c.services": {"c.models"},
        "d.alone": {"d.alone"},  # a module naming itself is no cycle
    }

    assert cycles(graph) == [
        ["a.checks", "a.models", "a.services"],
        ["c.models", "c.services"],
    ]


def test_the_rules_report_what_breaks_them():
    graph = {
        "authoring.models.challenge": {"preview.views", "authoring.link_views"},
        "runtime.release_index": {"authoring.models", "runtime.domain.inference"},
        "runtime.presentation.presenter": {"runtime.learning.forms"},
    }
    imports = [
        Import("runtime.domain.scoring", ("django.conf",), inline=True, line=3),
        Import("review.domain.quorum", ("math",), inline=False, line=1),
    ]

    assert models_importing_views(graph) == [
        ("authoring.models.challenge", "authoring.link_views"),
        ("authoring.models.challenge", "preview.views"),
    ]
    assert runtime_importing_other_apps(graph) == [
        ("runtime.release_index", "authoring.models")
    ]
    assert presentation_importing_beyond_domain(graph) == [
        ("runtime.presentation.presenter", "runtime.learning.forms")
    ]
    assert domain_importing_frameworks(imports) == [
        ("runtime.domain.scoring", "django.conf")
    ]
