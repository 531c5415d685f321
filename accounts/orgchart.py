"""Turn a flat list of contacts into the org chart (组织架构图) drawn on the account page."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class OrgNode:
    item: Any
    children: list["OrgNode"] = field(default_factory=list)

    @property
    def has_only_leaf_children(self) -> bool:
        """Drawn as a vertical stack: a row of many leaves would make the chart very wide."""
        return len(self.children) > 1 and all(not child.children for child in self.children)


def build_org_chart(
    items: Iterable[Any], key=lambda item: item.pk, parent_of=lambda item: item.reports_to_id
) -> list[OrgNode]:
    """Roots first, each with its reports. Anyone whose boss is absent from `items` becomes a root,
    so a partial list (a project's chain, say) still draws every person once."""
    items = list(items)
    nodes = {key(item): OrgNode(item) for item in items}
    roots: list[OrgNode] = []
    for item in items:
        boss = parent_of(item)
        if boss in nodes and boss != key(item):
            nodes[boss].children.append(nodes[key(item)])
        else:
            roots.append(nodes[key(item)])
    _break_loops(nodes, roots)
    return roots


def _break_loops(nodes: dict[Any, OrgNode], roots: list[OrgNode]) -> None:
    # Validation refuses reports-to loops, but data loaded around it must not make people vanish.
    reached: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        reached.add(id(node))
        stack.extend(node.children)
    for node in nodes.values():
        if id(node) not in reached:
            for other in nodes.values():
                if node in other.children:
                    other.children.remove(node)
            roots.append(node)
            _break_loops(nodes, roots)
            return
