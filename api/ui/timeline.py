"""The timeline of estimates on a place page, drawn server-side as SVG (no JS library).

One panel per asset type; each estimate is a point at its date (valid-at, else valid-before,
else the report date). Superseded estimates are drawn hollow and grey and say so in their
tooltip, so "about 200, later as many as 500" reads as two points, the first one superseded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import escape

WIDTH = 720
PANEL_HEIGHT = 130
SINGLE_HEIGHT = 78
SAME_DAY_GAP = 44
MIN_PAD_DAYS = 7
LEFT = 70
RIGHT = 30
TOP = 26
BOTTOM = 30
MIN_GAP = 56


@dataclass(frozen=True)
class Estimate:
    series: str
    when: date
    value: int
    stated_as: str
    superseded: bool
    href: str | None = None


def _x_positions(dates: list[date], left: float, right: float) -> list[float]:
    """Time-scaled x for sorted dates, spread so that neighbours are at least MIN_GAP apart."""
    if not dates:
        return []
    first, last = dates[0].toordinal(), dates[-1].toordinal()
    if first == last:  # one day: centre the points side by side
        gap = min(90.0, (right - left) / len(dates))
        centre = (left + right) / 2
        return [centre + (i - (len(dates) - 1) / 2) * gap for i in range(len(dates))]
    # pad the time domain so that dates a few days apart do not sit at the two edges
    pad = max((last - first) / 10, MIN_PAD_DAYS)
    start, span = first - pad, last - first + 2 * pad
    xs = [left + (d.toordinal() - start) / span * (right - left) for d in dates]
    for i in range(1, len(xs)):
        xs[i] = max(xs[i], xs[i - 1] + MIN_GAP)
    if xs[-1] > right:  # squeeze back into the panel, keeping order and gaps proportional
        scale = (right - left) / (xs[-1] - left)
        xs = [left + (x - left) * scale for x in xs]
    return xs


def _nice_max(value: int) -> int:
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(value)) - 1)
    for step in (1, 2, 2.5, 5, 10):
        top = int(step * magnitude)
        if top >= value:
            return top
    return value


def sort_key(e: Estimate) -> tuple[date, int]:
    # on the same date the superseded estimate comes first
    return (e.when, 0 if e.superseded else 1)


def _date_positions(estimates: list[Estimate]) -> dict[date, float]:
    """One shared time axis: an x for every date, so panels line up vertically."""
    dates = sorted({e.when for e in estimates})
    xs = _x_positions(dates, LEFT + 30, WIDTH - RIGHT - 20)
    return dict(zip(dates, xs, strict=True))


def _point_xs(points: list[Estimate], at: dict[date, float]) -> list[float]:
    """x of each point: its date's x, points of the same date side by side (in sort order)."""
    same_day: dict[date, list[int]] = {}
    for i, p in enumerate(points):
        same_day.setdefault(p.when, []).append(i)
    xs = [0.0] * len(points)
    for when, indexes in same_day.items():
        for k, i in enumerate(indexes):
            xs[i] = at[when] + (k - (len(indexes) - 1) / 2) * SAME_DAY_GAP
    return xs


def render_svg(estimates: list[Estimate]) -> str:
    """An SVG element (string) with one panel per series on a shared time axis; series with
    a single estimate get a short panel. Empty string when there is nothing to draw."""
    if not estimates:
        return ""
    series: dict[str, list[Estimate]] = {}
    for e in sorted(estimates, key=sort_key):
        series.setdefault(e.series, []).append(e)
    at = _date_positions(estimates)
    panels, top = [], 0.0
    for name, points in series.items():
        height = PANEL_HEIGHT if len(points) > 1 else SINGLE_HEIGHT
        panels.append(_panel(name, points, top, height, _point_xs(points, at)))
        top += height
    height = top + 24
    parts = [
        f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}"'
        f' width="100%" role="img" aria-label="Timeline of estimates per asset type">',
        *panels,
    ]
    legend_y = height - 8
    parts.append(
        f'<g class="legend" font-size="11"><circle cx="{LEFT}" cy="{legend_y - 4}" r="5"'
        f' class="dot current"/><text x="{LEFT + 10}" y="{legend_y}">current estimate</text>'
        f'<circle cx="{LEFT + 130}" cy="{legend_y - 4}" r="5" class="dot superseded"/>'
        f'<text x="{LEFT + 140}" y="{legend_y}">superseded estimate</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _panel(name: str, points: list[Estimate], top: float, height: float, xs: list[float]) -> str:
    y0, y1 = top + height - BOTTOM, top + TOP
    vmax = _nice_max(max(p.value for p in points))
    single = len(points) == 1

    def y(v: int) -> float:
        # a lone estimate has nothing to compare with: it sits mid-panel
        return (y0 + y1) / 2 if single else y0 - (v / vmax) * (y0 - y1)

    out = [f'<g class="series" data-series="{escape(name)}">']
    out.append(
        f'<text x="8" y="{top + 16}" font-size="13" font-weight="bold">{escape(name)}</text>'
        f'<line x1="{LEFT}" y1="{y0}" x2="{WIDTH - RIGHT}" y2="{y0}" class="axis"/>'
    )
    if not single:
        out.append(
            f'<line x1="{LEFT}" y1="{y0}" x2="{LEFT}" y2="{y1}" class="axis"/>'
            f'<text x="{LEFT - 6}" y="{y1 + 4}" text-anchor="end" font-size="10">{vmax}</text>'
            f'<text x="{LEFT - 6}" y="{y0 + 4}" text-anchor="end" font-size="10">0</text>'
        )
        coords = " ".join(f"{x:.1f},{y(p.value):.1f}" for x, p in zip(xs, points, strict=True))
        out.append(f'<polyline points="{coords}" class="trend"/>')
    for x, p in zip(xs, points, strict=True):
        state = "superseded" if p.superseded else "current"
        title = f"{p.stated_as} ({p.value}) on {p.when.isoformat()}" + (
            ", superseded by a later estimate" if p.superseded else ""
        )
        dot = (
            f'<circle cx="{x:.1f}" cy="{y(p.value):.1f}" r="6" class="dot {state}"'
            f' data-value="{p.value}" data-date="{p.when.isoformat()}" data-state="{state}">'
            f"<title>{escape(title)}</title></circle>"
        )
        if p.href:
            dot = f'<a href="{escape(p.href)}">{dot}</a>'
        out.append(dot)
        out.append(
            f'<text x="{x:.1f}" y="{y(p.value) - 10:.1f}" text-anchor="middle" font-size="11"'
            f' class="value {state}">{p.value}</text>'
        )
    by_date: dict[date, list[float]] = {}
    for x, p in zip(xs, points, strict=True):
        by_date.setdefault(p.when, []).append(x)
    for when, group in by_date.items():  # one date label under each group of points
        out.append(
            f'<text x="{sum(group) / len(group):.1f}" y="{y0 + 14}" text-anchor="middle"'
            f' font-size="10" class="date">{when.isoformat()}</text>'
        )
    out.append("</g>")
    return "".join(out)
