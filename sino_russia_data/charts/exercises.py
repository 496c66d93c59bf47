"""Timeline of military exercises: held vs planned, by kind, joint Russia–China vs other."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .common import STYLE, finish
from .common import rows as rows_of

KIND_COLOURS = {
    "naval": "#1f77b4", "land": "#8c564b", "air": "#17becf", "combined": "#9467bd",
    "command_staff": "#7f7f7f", "computer_simulation": "#bcbd22", "patrol": "#e377c2",
    "counter_terrorism": "#d62728",
}  # fmt: skip


def exercise_timeline(exercises: pd.DataFrame, sources: pd.DataFrame) -> Figure:
    """One line per exercise, one bar per dated claim spanning its period: filled when held,
    hollow when planned; colour by (first) kind; joint Russia–China exercises bold."""
    import matplotlib as mpl

    with mpl.rc_context(STYLE):
        rows = exercises[exercises["period_start"].notna() & (exercises["indicator"] == "date")]
        rows = rows.sort_values(["period_start", "exercise", "claim_id"])
        order = list(dict.fromkeys(rows["exercise"]))
        fig = Figure(figsize=(9, 0.28 * len(order) + 1.8))
        ax = fig.add_axes(
            (0.34, 1.0 / (0.28 * len(order) + 1.8), 0.63, 1 - 1.5 / (0.28 * len(order) + 1.8))
        )
        for row in rows_of(rows):
            y = order.index(row.exercise)
            kind = str(row.kind).split(";")[0] if isinstance(row.kind, str) else None
            colour = KIND_COLOURS.get(kind or "", "#aaaaaa")
            held = row.exercise_status == "held"
            width = (row.period_end - row.period_start).days + 1
            ax.barh(
                y,
                width,
                left=mdates_num(row.period_start),
                height=0.6,
                color=colour if held else "white",
                edgecolor=colour,
                lw=1.2,
                alpha=0.75,
            )
        joint = {
            name
            for name, parts in zip(rows["exercise"], rows["participants"], strict=True)
            if isinstance(parts, str) and {"RUS", "CHN"} <= set(parts.split(";"))
        }
        ax.set_yticks(range(len(order)), [n.replace("_", " ") for n in order], fontsize=7)
        for label in ax.get_yticklabels():
            if label.get_text().replace(" ", "_") in joint:
                label.set_fontweight("bold")
        ax.invert_yaxis()
        ax.xaxis_date()
        ax.grid(axis="x", color="#eeeeee")
        handles = [
            Line2D([], [], color=c, lw=6, label=k.replace("_", " "))
            for k, c in KIND_COLOURS.items()
            if k in {str(v).split(";")[0] for v in rows["kind"].dropna()}
        ]
        handles.append(
            Line2D(
                [], [], color="black", lw=0, marker="s", fillstyle="none", label="planned (hollow)"
            )
        )
        ax.legend(handles=handles, loc="lower left", fontsize=6.5, frameon=False, ncol=2)
        return finish(
            fig,
            [rows],
            sources,
            "Military exercises as the texts date them (bold: joint Russia–China)",
        )


def mdates_num(stamp: pd.Timestamp) -> float:
    """Matplotlib's date number of a timestamp (days since its epoch, 1970-01-01)."""
    return float((stamp - pd.Timestamp("1970-01-01")) / pd.Timedelta(days=1))
