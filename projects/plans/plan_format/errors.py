"""The one error the plan format raises: every problem found, each at the JSON path of the bad value."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanIssue:
    path: str  # JSON path of the bad value, e.g. "$.chain[2].roles[0]"
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class PlanFormatError(Exception):
    """One or more problems in a plan document, each naming the JSON path of the bad value."""

    def __init__(self, errors: Iterable[PlanIssue]):
        self.errors = list(errors)
        super().__init__("\n".join(str(error) for error in self.errors))

    @classmethod
    def single(cls, path: str, message: str) -> "PlanFormatError":
        return cls([PlanIssue(path, message)])

    def lines(self) -> list[str]:
        return [str(error) for error in self.errors]
