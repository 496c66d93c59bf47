"""Charts of the claim tables. Importing this subpackage imports matplotlib; importing
``sino_russia_data`` does not.

Each chart is a function that takes DataFrames (so a notebook can filter or restyle the
data first) and returns a matplotlib ``Figure`` that carries the claim_ids it plots
(:func:`claim_ids_of`) and a source line naming the articles. ``save`` writes PNG and SVG
byte-identically run to run, with the claim_ids in the files' metadata.
"""

from .arms import arms_exporters
from .common import claim_ids_of
from .exercises import exercise_timeline
from .gas import gas_projects
from .rendering import CHARTS, save, write_charts
from .trade import china_share, trade_over_time

__all__ = [
    "CHARTS",
    "arms_exporters",
    "china_share",
    "claim_ids_of",
    "exercise_timeline",
    "gas_projects",
    "save",
    "trade_over_time",
    "write_charts",
]
