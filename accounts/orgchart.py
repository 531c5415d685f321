"""Turn a flat list of contacts into the org chart (组织架构图) drawn on the account page and the chain map.

Everything here is a loop, never a recursion: a reporting line may be hundreds of people deep (typed in by
hand or imported), and a chart must still draw. The drawn chart nests at most MAX_DRAWN_DEPTH levels; people
further down a line are listed flat under the last nested level, each card naming who they report to.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# Levels drawn as nested boxes. Deeper lines are listed flat under the last level: a chart indented a
# hundred times is unreadable on a phone, and nested boxes that deep break PDF layout.
MAX_DRAWN_DEPTH = 8


@dataclass(eq=False)
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
    parent: dict[int, OrgNode] = {}
    roots: list[OrgNode] = []
    for item in items:
        node, boss = nodes[key(item)], parent_of(item)
        if boss in nodes and boss != key(item):
            nodes[boss].children.append(node)
            parent[id(node)] = nodes[boss]
        else:
            roots.append(node)
    _break_loops(nodes.values(), roots, parent)
    return roots


def _reached(roots: list[OrgNode]) -> set[int]:
    reached: set[int] = set()
    stack = list(roots)
    while stack:
        node = stack.pop()
        reached.add(id(node))
        stack.extend(node.children)
    return reached


def _break_loops(nodes: Iterable[OrgNode], roots: list[OrgNode], parent: dict[int, OrgNode]) -> None:
    # Validation refuses reports-to loops, but data loaded around it must not make people vanish: a person
    # in a loop (reached from no root) becomes a root, cut from their boss, until everyone is reached.
    reached = _reached(roots)
    for node in nodes:
        if id(node) in reached:
            continue
        parent[id(node)].children.remove(node)
        roots.append(node)
        reached |= _reached([node])


@dataclass(frozen=True)
class DrawStep:
    """One card of a chart drawn as nested lists: open its reports' list after it (`opens`), or close its
    own item; then close `closes` enclosing lists. `boss` is set for a card listed flat below the deepest
    drawn level: the person it reports to."""

    node: OrgNode
    opens: bool
    stacked: bool
    closes: range
    boss: Any = None
    hidden: int = 0  # people below this card left out of a chart drawn with a limit on its cards

    @property
    def item(self) -> Any:
        return self.node.item


def drawing_steps(
    roots: list[OrgNode], max_depth: int = MAX_DRAWN_DEPTH, max_cards: int | None = None
) -> list[DrawStep]:
    """The chart as a flat sequence a template draws with one loop (no recursive include). With
    `max_cards`, only the top levels that fit are drawn (at least the first), each card at the last
    drawn level saying how many people below it were left out."""
    steps: list[DrawStep] = []
    cut = _levels_that_fit(roots, max_cards) if max_cards is not None else None
    if cut is not None and cut >= max_depth:
        cut = None  # as deep as a chart nests: the deepest level lists the rest flat, as always
    # (node, depth, boss shown on a flattened card, how many lists close after this card)
    stack = [(node, 1, None, 0) for node in reversed(roots)]
    while stack:
        node, depth, boss, closes_after = stack.pop()
        if cut is not None and depth == cut and node.children:
            steps.append(DrawStep(node, False, False, range(closes_after), boss, _below(node)))
            continue
        nests = bool(node.children) and depth < max_depth
        if nests:
            steps.append(
                DrawStep(node, True, node.has_only_leaf_children or depth + 1 == max_depth, range(0))
            )
            if depth + 1 == max_depth:
                children = _flattened(node)
            else:
                children = [(child, None) for child in node.children]
            for index, (child, child_boss) in enumerate(reversed(children)):
                stack.append((child, depth + 1, child_boss, closes_after + 1 if index == 0 else 0))
        else:
            steps.append(DrawStep(node, False, False, range(closes_after), boss))
    return steps


def _levels_that_fit(roots: list[OrgNode], max_cards: int) -> int | None:
    """The deepest level whose cards, with all above it, number at most `max_cards` (at least 1); None
    when the whole chart fits."""
    level, count, depth = list(roots), 0, 0
    while level:
        if count + len(level) > max_cards:
            return max(depth, 1)
        count += len(level)
        depth += 1
        level = [child for node in level for child in node.children]
    return None


def _below(node: OrgNode) -> int:
    count, stack = 0, list(node.children)
    while stack:
        current = stack.pop()
        count += 1
        stack.extend(current.children)
    return count


def _flattened(node: OrgNode) -> list[tuple[OrgNode, Any]]:
    """Everyone below `node`, in reading order, each with their boss (None for `node`'s direct reports)."""
    found: list[tuple[OrgNode, Any]] = []
    stack = [(child, None) for child in reversed(node.children)]
    while stack:
        current, boss = stack.pop()
        found.append((OrgNode(current.item), boss))
        stack.extend((child, current.item) for child in reversed(current.children))
    return found
