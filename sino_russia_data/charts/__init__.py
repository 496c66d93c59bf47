"""Charts of the claim tables. Importing this subpackage imports matplotlib; importing
``sino_russia_data`` does not (``srd.charts`` loads it on first use).

Each chart is a function that takes DataFrames (so a notebook can filter first), looks up
the sources when they are not passed, and returns a matplotlib ``Figure`` that carries the
claim_ids it plots (:func:`claim_ids_of`), a subtitle saying what is plotted, a key of the
shared visual language and a source line naming the articles. ``list()`` names the
charts; ``save`` writes PNG and SVG byte-identically run to run, with the claim_ids in the
files' metadata.
"""

try:
    import matplotlib as _matplotlib  # noqa: F401
except ModuleNotFoundError:  # pragma: no cover - exercised only without the extra
    raise ModuleNotFoundError(
        "sino_russia_data.charts needs matplotlib: pip install 'sino-russia-data[charts]'"
    ) from None

from .arms import arms_exporters
from .common import claim_ids_of
from .conflicts import who_said_what
from .exercises import exercise_timeline
from .gas import gas_projects
from .rendering import CHARTS, draw, save, write_charts
from .rendering import chart_list as list
from .trade import china_share, trade_over_time

china_share_of_russia_trade = china_share  # the chart's name (its file: charts/<name>.png)

__all__ = [
    "CHARTS",
    "arms_exporters",
    "china_share",
    "china_share_of_russia_trade",
    "claim_ids_of",
    "draw",
    "exercise_timeline",
    "gas_projects",
    "list",
    "save",
    "trade_over_time",
    "who_said_what",
    "write_charts",
]
