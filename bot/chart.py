"""A learner's scores over time as a PNG, readable on Discord's dark theme.

matplotlib is imported on first use, not at start-up: the bot starts as fast
without it and only pays for it when someone asks for a chart. The Agg
canvas renders off-screen and the Figure is local, so no global pyplot state
is shared between concurrent renders.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from .progress import ProgressReport

BACKGROUND = "#2b2d31"  # Discord's dark embed background
TEXT = "#dbdee1"
GRID = "#404249"
TREND = "#f0b232"
LINES = ["#5865f2", "#57f287", "#eb459e", "#3ba55c", "#ed4245", "#9b84ec"]
TREND_SPAN = 5  # attempts in the moving average
#: The narrowest time axis drawn: attempts minutes or seconds apart are shown on a
#: window this wide around them, with whole-minute ticks, not fractions of a second.
MIN_AXIS_SPAN = timedelta(minutes=10)


def render_progress_chart(report: ProgressReport, *, width_px: int = 800, height_px: int = 400) -> bytes:
    """A PNG of the report's scores: one line per Point, and the moving average across all of them."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure

    dpi = 100
    # Constrained layout makes room for the legend below the axes, where it cannot cover the newest points.
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi, facecolor=BACKGROUND, layout="constrained")
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(facecolor=BACKGROUND)

    series = report.series
    times = [datetime.fromtimestamp(p.created_at, tz=UTC) for p in series]
    for colour, key in zip(_cycle(LINES), dict.fromkeys((p.case_id, p.point) for p in series), strict=False):
        xs = [t for t, p in zip(times, series, strict=True) if (p.case_id, p.point) == key]
        ys = [p.score for p in series if (p.case_id, p.point) == key]
        label = f"Point {key[1]}" if len({p.case_id for p in series}) == 1 else f"{key[0]} #{key[1]}"
        # matplotlib plots datetimes through its units registry; its stubs admit only numbers.
        axes.plot(xs, ys, marker="o", markersize=4, linewidth=1.5, color=colour, label=label)  # type: ignore[arg-type]
    if len(series) >= 2:
        scores = [p.score for p in series]
        moving = [
            sum(scores[max(0, i - TREND_SPAN + 1) : i + 1]) / len(scores[max(0, i - TREND_SPAN + 1) : i + 1])
            for i in range(len(scores))
        ]
        axes.plot(
            times,  # type: ignore[arg-type]  # a datetime axis, as above
            moving,
            linestyle="--",
            linewidth=2,
            color=TREND,
            label=f"trend ({TREND_SPAN}-attempt average)",
        )

    axes.set_ylim(-3, 103)
    axes.set_ylabel("coverage %", color=TEXT)
    axes.set_xlabel("time (UTC)", color=TEXT, fontsize=9)  # the times are UTC, whatever the reader's zone
    title = f"{report.learner_name}: {report.attempts} attempt{'s' if report.attempts != 1 else ''}"
    axes.set_title(title, color=TEXT, fontsize=12)
    if times and times[-1] - times[0] < MIN_AXIS_SPAN:
        middle = times[0] + (times[-1] - times[0]) / 2
        axes.set_xlim(middle - MIN_AXIS_SPAN / 2, middle + MIN_AXIS_SPAN / 2)  # type: ignore[arg-type]  # datetimes
    locator = AutoDateLocator(tz=UTC)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(ConciseDateFormatter(locator, tz=UTC))
    axes.tick_params(colors=TEXT, labelsize=9)
    axes.grid(True, color=GRID, linewidth=0.6)
    for spine in axes.spines.values():
        spine.set_color(GRID)
    entries = len(axes.get_legend_handles_labels()[1])
    legend = figure.legend(
        loc="outside lower center", ncols=max(1, min(entries, 4)), fontsize=8, facecolor=BACKGROUND, edgecolor=GRID
    )
    for text in legend.get_texts():
        text.set_color(TEXT)

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor=BACKGROUND)
    return buffer.getvalue()


def _cycle(colours: list[str]):
    while True:
        yield from colours
