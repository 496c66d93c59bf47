"""Gas and pipeline projects compared: volume, deal value, length and cost, with ranges."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .common import (
    MUTED,
    STYLE,
    TITLE_IN,
    ChartSources,
    brief_source,
    figure,
    footer,
    header,
    place_axes,
    sources_or_loaded,
)
from .labels import PROJECTS, human
from .marks import Marks, colour_key, hedged, key_handles
from .placement import Label, place

# indicator -> (units accepted, panel title, log scale)
PANELS: dict[str, tuple[tuple[str, ...], str, bool]] = {
    "annual_volume": (("bcm_per_year", "bcm"), "Volume of gas (billion cubic metres)", False),
    "deal_value": (("usd_billion",), "Value of the supply deal (USD billion)", False),
    "pipeline_length": (("km",), "Length of the pipeline (km)", False),
    "pipeline_cost": (("usd_billion", "usd_million"), "Cost of the pipeline (USD billion, log scale)", True),
}  # fmt: skip
# Shown in the panel's unit; the only conversion is USD million -> billion (÷ 1000).
TO_PANEL_UNIT = {"usd_million": 0.001}
UNIT_NOTES = {"bcm": "bcm, no 'per year' printed", "bcm_per_year": "bcm a year"}
PALETTE = ["#3b6ea8", "#c0504d", "#2e8b57", "#8064a2", "#d9901a"]
# what makes two claims one mark: the same figure stated in the same way
SAME = ["project", "indicator", "value", "value_low", "value_high", "unit", "qualifier", "status"]


def gas_projects(gas: pd.DataFrame, sources: pd.DataFrame | None = None) -> Figure:
    """How do the gas projects compare: volume, deal value, length and cost?

    ``gas``: rows of ``srd.gas()`` (filter freely). One panel per quantity, one row per
    project; claims stating the same figure the same way share one mark, labelled with
    every source; ranges are intervals with end caps, bounds arrows. ``sources``:
    ``srd.sources()``, looked up when not given."""
    import matplotlib as mpl

    chart_sources = sources_or_loaded(sources)
    with mpl.rc_context(STYLE):
        plotted = gas[gas["indicator"].isin(list(PANELS))]
        in_unit = [
            u in PANELS[i][0] for i, u in zip(plotted["indicator"], plotted["unit"], strict=True)
        ]
        plotted = plotted[pd.Series(in_unit, index=plotted.index, dtype=bool)]
        projects = sorted(plotted["project"].unique(), key=lambda p: human(p, PROJECTS))
        colours = dict(zip(projects, PALETTE * 4, strict=False))
        fig = figure(9, 2.3 + 1.2 * len(PANELS))
        header(fig, "How the gas projects compare",
               "Each figure as its text states it; the same figure in several texts is one "
               "mark naming them all.")  # fmt: skip
        used, panels = Marks(None, along="x"), []
        for indicator in PANELS:
            ax = fig.add_axes((0, 0, 1, 1))
            rows = plotted[plotted["indicator"] == indicator]
            labels, marks = _panel(ax, indicator, rows, projects, colours, chart_sources)
            used.used |= marks.used
            panels.append((ax, labels, marks))
        handles, handler_map = key_handles(used)
        handles = [colour_key(colours[p], human(p, PROJECTS)) for p in projects] + handles
        bottom = footer(fig, [plotted], chart_sources, handles, handler_map)
        step = (fig.get_figheight() - TITLE_IN - 0.35 - bottom) / len(PANELS)
        for k, (ax, labels, marks) in enumerate(panels):
            top = TITLE_IN + 0.25 + k * step
            place_axes(fig, ax, 2.4, 0.3, top, fig.get_figheight() - top - step + 0.55)
            place(ax, labels, marks)
        return fig


def _panel(
    ax: Any,
    indicator: str,
    rows: pd.DataFrame,
    projects: list[str],
    colours: dict[str, str],
    sources: ChartSources,
) -> tuple[list[Label], Marks]:
    _, title, log = PANELS[indicator]
    marks, labels = Marks(ax, along="x"), []
    for (project, *_), group in rows.groupby(SAME, dropna=False, sort=True):
        y, row = projects.index(str(project)), next(group.itertuples())
        factor = TO_PANEL_UNIT.get(str(row.unit), 1.0)
        end = marks.value(y, row, colours[str(project)], factor)
        labels.append(Label(end, y, _label_text(row, group, factor, sources),
                            colours[str(project)], first=0))  # fmt: skip
    values = pd.concat([rows["value"], rows["value_low"], rows["value_high"]]).dropna()
    values = values * [TO_PANEL_UNIT.get(u, 1.0) for u in list(rows["unit"]) * 3][: len(values)]
    high = float(values.max()) if len(values) else 1.0
    if log:
        ax.set_xscale("log")
        ax.set_xlim(float(values.min()) / 3 if len(values) else 0.1, high * 12)
        ax.xaxis.set_major_formatter("{x:g}")
    else:
        ax.set_xlim(0, high * 1.6)
    for y, project in enumerate(projects):
        if project not in set(rows["project"]):
            left = ax.get_xlim()[0]
            labels.append(Label(left, y, "no figure in these texts", MUTED, first=0))
    ax.set_yticks(range(len(projects)), [human(p, PROJECTS) for p in projects])
    ax.set_ylim(len(projects) - 0.5, -0.7)
    ax.set_title(title, color=MUTED)
    ax.grid(axis="x", color="#eeeeee")
    ax.set_axisbelow(True)
    return labels, marks


def _label_text(row: Any, group: pd.DataFrame, factor: float, sources: ChartSources) -> str:
    if row.qualifier == "range":
        figure_text = f"{row.value_low * factor:g}–{row.value_high * factor:g}"
    else:
        figure_text = f"{hedged(row)}{row.value * factor:g}"
    notes = [
        n for n in (UNIT_NOTES.get(row.unit), row.status if row.status != "reported" else None) if n
    ]
    if factor != 1.0:
        notes.append(f"printed in {row.unit.replace('usd_', 'USD ')}")
    counts = group["source_id"].value_counts(sort=False)
    names = [
        brief_source(str(s), sources) + (f" (×{n})" if n > 1 else "")
        for s, n in sorted(counts.items())
    ]
    note = f" ({'; '.join(notes)})" if notes else ""
    return f"{figure_text}{note}\n{', '.join(names)}"
