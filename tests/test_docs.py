"""The docs tell the truth about the tree: every path they name exists in the repository, and none points
outside it."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
PATH = re.compile(
    r"(?<![\w./-])((?:salescamp|accounts|projects|templates|static|tests|docs|bench|locale)/[\w./*-]*\w)"
)
OUTSIDE = re.compile(r"(?<![\w])(\.\./[\w./-]+|/work/[\w./-]+|shared/rules\.md)")


def test_every_path_a_doc_names_exists():
    missing = []
    for doc in DOCS:
        for match in PATH.finditer(doc.read_text(encoding="utf-8")):
            path = match.group(1)
            found = list(ROOT.glob(path)) if "*" in path else [ROOT / path] if (ROOT / path).exists() else []
            if not found:
                missing.append(f"{doc.name}: {path}")
    assert not missing, "\n".join(missing)


def test_no_doc_points_outside_the_repository():
    outside = [
        f"{doc.name}: {m.group(1)}" for doc in DOCS for m in OUTSIDE.finditer(doc.read_text(encoding="utf-8"))
    ]
    assert not outside, "\n".join(outside)
