"""The document as text for the commands: written UTF-8 and indented; read with every failure (no file,
not UTF-8, not JSON) as a PlanFormatError."""

import json
import sys
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from projects.plans.plan_format.errors import PlanFormatError

# A plan with hundreds of contacts and thousands of activities is well under 10 MB; anything bigger is a
# mistake or an attack, and is refused before parsing.
MAX_BYTES = 10 * 1024 * 1024


def dumps(doc: dict) -> str:
    """The document as the commands write it: UTF-8 text, Chinese unescaped, indent 2, newline at the end."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def loads(text: str | bytes) -> Any:
    """Parse JSON text; bad JSON becomes a PlanFormatError at "$" with the line and column, and so do
    the hostile kinds json.loads does not call bad: nesting deeper than Python's stack, numbers of more
    digits than Python converts."""
    try:
        return json.loads(text)
    except UnicodeDecodeError:
        raise PlanFormatError.single("$", _("the file is not UTF-8 text")) from None
    except RecursionError:
        raise PlanFormatError.single("$", _("the file nests lists or objects too deeply")) from None
    except json.JSONDecodeError as error:
        raise PlanFormatError.single(
            "$",
            _("not valid JSON: %(problem)s at line %(line)s, column %(column)s")
            % {"problem": error.msg, "line": error.lineno, "column": error.colno},
        ) from None
    except ValueError:  # int() refuses numbers of over 4,300 digits
        raise PlanFormatError.single("$", _("the file has a number with too many digits")) from None


def read_document(file: str) -> Any:
    """Read and parse a JSON file ("-": stdin) for the commands; any problem is a PlanFormatError."""
    try:
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            with Path(file).open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise PlanFormatError.single(
            "$", _("cannot read %(file)s: %(problem)s") % {"file": file, "problem": error.strerror or error}
        ) from None
    if len(raw) > MAX_BYTES:
        raise PlanFormatError.single("$", _("the file is larger than %(mb)s MB") % {"mb": MAX_BYTES // 2**20})
    return loads(raw)
