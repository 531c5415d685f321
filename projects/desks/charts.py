"""Chart geometry for the desks (图表): pure functions from numbers to SVG coordinates.

Templates in templates/includes/charts/ draw what these return. Every chart has a viewBox and scales to
the width of its container (width 100%), so it reads at 390 px as well as on a desktop. Colours come
from CSS classes (static/css/desk.css): the CSP forbids inline styles, presentation attributes are fine.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Horizontal bars: a label line above each bar, the figure right-aligned on the same line.
BAR_WIDTH = 320
BAR_ROW = 42
BAR_THICKNESS = 12
BAR_LABEL_BASELINE = 15
BAR_OFFSET = 22

# Small multiples (小多图): one column per week.
SPARK_WIDTH = 240
SPARK_HEIGHT = 48
SPARK_GAP = 2


@dataclass(frozen=True)
class HBar:
    label: Any
    value: float
    note: str  # the figure as text, e.g. "3 · ¥3,800,000"
    css: str
    y: float  # top of the row
    label_y: float
    bar_y: float
    width: float  # bar length in viewBox units; 0 draws nothing
    percent: float = 0.0  # the same length as a share of the full bar, for HTML bars (the PDF report)


@dataclass(frozen=True)
class HBarChart:
    width: int
    height: int
    bars: list[HBar]
    bar_height: int = BAR_THICKNESS

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def hbars(rows: Sequence[tuple[Any, float, str, str]], *, width: int = BAR_WIDTH) -> HBarChart:
    """rows: (label, value, note, css class). Bar lengths are proportional to value; a non-zero value
    always shows at least a sliver, so "one project" is never mistaken for none."""
    top = max((float(value) for _label, value, _note, _css in rows), default=0.0)
    bars = []
    for index, (label, value, note, css) in enumerate(rows):
        y = index * BAR_ROW
        length = 0.0 if top <= 0 or value <= 0 else max(2.0, round(float(value) / top * width, 1))
        bars.append(
            HBar(
                label=label,
                value=float(value),
                note=note,
                css=css,
                y=y,
                label_y=y + BAR_LABEL_BASELINE,
                bar_y=y + BAR_OFFSET,
                width=length,
                percent=round(length / width * 100, 1) if width else 0.0,
            )
        )
    return HBarChart(width=width, height=max(BAR_ROW, len(rows) * BAR_ROW), bars=bars)


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    value: int
    met: bool  # reached the target that week
    label: str  # e.g. the week's Monday, for the <title> tooltip


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    columns: list[Column]
    target: int
    target_y: float

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def sparkline(
    values: Sequence[int],
    target: int,
    *,
    labels: Sequence[str] = (),
    width: int = SPARK_WIDTH,
    height: int = SPARK_HEIGHT,
) -> Sparkline:
    """Weekly columns against a target line. The scale always includes the target, so a rep far below
    target sees short columns under a line, not columns that fill the box."""
    count = max(1, len(values))
    top = max([*values, target, 1]) * 1.1
    pitch = width / count
    column_width = max(1.0, pitch - SPARK_GAP)
    columns = []
    for index, value in enumerate(values):
        h = round(value / top * height, 1)
        columns.append(
            Column(
                x=round(index * pitch + SPARK_GAP / 2, 1),
                y=round(height - h, 1),
                width=round(column_width, 1),
                height=h,
                value=value,
                met=target > 0 and value >= target,
                label=labels[index] if index < len(labels) else "",
            )
        )
    return Sparkline(
        width=width,
        height=height,
        columns=columns,
        target=target,
        target_y=round(height - target / top * height, 1),
    )


@dataclass(frozen=True)
class Progress:
    value: int
    target: int
    percent: int  # 0-100 for the bar; the text says the real figure, over 100% included
    width: int
    filled: float
    met: bool

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} 16"


def progress(value: int, target: int, *, width: int = 300) -> Progress:
    """Visits this week against the weekly target (周拜访目标)."""
    ratio = 1.0 if target <= 0 else min(1.0, value / target)
    return Progress(
        value=value,
        target=target,
        percent=round(ratio * 100),
        width=width,
        filled=round(ratio * width, 1),
        met=value >= target,
    )
