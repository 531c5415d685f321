"""The house, read from its imports (Python's ast, nothing run): layers point one way, no import cycles, no
module over 500 lines, no Django internals written by hand. A new import against the layers fails here.

    salescamp (the site and our people)  ←  accounts (customers)  ←  projects
    projects: rules (the engine, pure)  ←  printing  ←  deals  ←  templatetags  ←  stored_warnings  ←  notices
              ←  visits  ←  plans  ←  reminders  ←  calendars  ←  desks  ←  demo
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("salescamp", "accounts", "projects")
# Inside projects, each package may import only the ones before it (and projects' own small shared modules).
PROJECT_LAYERS = (
    "rules",
    "deals",
    "stored_warnings",
    "notices",
    "visits",
    "plans",
    "reminders",
    "calendars",
    "desks",
    "demo",
)
# projects' small shared modules: printing sits below deals, the template tags (labels of deals' codes) above.
SHARED = {"projects.printing": 1, "projects.templatetags": 3}
# Modules that wire the layers together, as Django asks: they may import any layer.
WIRING = {
    "salescamp.urls",
    "projects.urls",
    "projects.apps",
    "projects.models",
    "projects.admin",
    "projects.management",
}
MAX_LINES = 500


def modules() -> dict[str, Path]:
    found = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    return found


MODULES = modules()


def imports(name: str, path: Path) -> set[str]:
    """The modules of ours that `name` imports (resolved to the module, not the names in it)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


GRAPH = {name: imports(name, path) for name, path in MODULES.items()}


def layer(name: str) -> tuple[int, int] | None:
    """(app, layer inside projects) of a module; None for wiring modules."""
    if any(name == w or name.startswith(f"{w}.") for w in WIRING):
        return None
    app = APPS.index(name.split(".")[0])
    if app < 2:
        return (app, 0)
    parts = name.split(".")
    if len(parts) > 1 and parts[1] in PROJECT_LAYERS:
        return (app, PROJECT_LAYERS.index(parts[1]) * 2)
    for shared, place in SHARED.items():
        if name == shared or name.startswith(f"{shared}."):
            return (app, place)
    return (app, 0)


def test_every_import_points_down_the_layers():
    against = []
    for name, targets in GRAPH.items():
        mine = layer(name)
        if mine is None:
            continue
        for target in targets:
            theirs = layer(target)
            if theirs is not None and theirs > mine:
                against.append(f"{name} imports {target}")
    assert not against, "\n".join(against)


def test_there_is_no_import_cycle():
    # Depth-first with an explicit stack (no recursion): a grey module met again closes a cycle.
    colour, cycles = dict.fromkeys(GRAPH, 0), []
    for start in GRAPH:
        if colour[start]:
            continue
        stack = [(start, iter(sorted(GRAPH[start])))]
        path = [start]
        colour[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = 2
                stack.pop()
                path.pop()
            elif colour[child] == 1:
                cycles.append(" → ".join([*path[path.index(child) :], child]))
            elif colour[child] == 0:
                colour[child] = 1
                stack.append((child, iter(sorted(GRAPH[child]))))
                path.append(child)
    assert not cycles, "\n".join(cycles)


def test_the_engine_knows_nothing_of_the_database():
    for name, path in MODULES.items():
        if name.startswith("projects.rules"):
            source = path.read_text(encoding="utf-8")
            assert "django.db" not in source and "models." not in source, name


def test_no_module_is_over_500_lines_and_none_writes_django_internals():
    for name, path in MODULES.items():
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") <= MAX_LINES, f"{name}: {source.count(chr(10))} lines"
        for internal in ("_prefetched_objects_cache", "_result_cache", "_state.adding = ", "_state.db ="):
            assert internal not in source, f"{name} writes {internal}"


def test_the_walk_finds_the_layers_it_checks():
    # The checks above are only as good as the graph: it must see the packages and their imports.
    assert {"projects.rules.data", "projects.deals.loading", "projects.plans.view"} <= set(MODULES)
    assert "projects.rules.data" in GRAPH["projects.deals.loading"]
    assert layer("projects.deals.loading") < layer("projects.plans.view")
    assert layer("salescamp.models") < layer("accounts.models") < layer("projects.rules.data")
