"""Write the notebooks in notebooks/ from the cell sources below (outputs are not stored).

Run: .venv/bin/python tools/make_notebooks.py
The notebooks are kept without outputs so they read cleanly on a code-hosting site and
diff as code; the test suite executes each one top to bottom.
"""

from __future__ import annotations

from pathlib import Path

import nbformat

OUT = Path(__file__).resolve().parents[1] / "notebooks"

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "quickstart": [
        (
            "md",
            "# Quickstart: load, filter, plot, cite\n\nEvery row is a *claim*: a source states a figure. "
            "Each row carries its `source_id` and a verbatim `quote`.",
        ),
        ("code", "%matplotlib inline\nimport sino_russia_data as srd\n\nsrd.__version__"),
        (
            "code",
            "claims = srd.claims()\nclaims.groupby(['table', 'source_id']).size().unstack(fill_value=0)",
        ),
        ("md", "## Filter: China's share of Russia's trade turnover"),
        (
            "code",
            "trade = srd.trade()\nshare = trade[(trade.measure == 'share') & (trade.unit == 'percent')]\n"
            "share[['claim_id', 'period_start', 'value', 'qualifier', 'hedge', 'figure']]",
        ),
        ("md", "## Plot: chart functions take DataFrames and return a matplotlib Figure"),
        (
            "code",
            "from sino_russia_data.charts import china_share, claim_ids_of\n\n"
            "fig = china_share(trade, srd.sources())\nprint(claim_ids_of(fig))\nfig",
        ),
        ("md", "## Cite: one footnote per row, in plain text, Chicago author-date or APA"),
        ("code", "for note in srd.cite(share, style='chicago'):\n    print(note, end='\\n\\n')"),
        ("code", "print(srd.bibtex())"),
        (
            "md",
            "## See a claim where it stands in its article\n\n`srd.show` highlights the quote in its "
            "paragraph, with the row's fields and a link to its mark on the reader site "
            "(`sino-russia-data site` writes the site to `site/`).",
        ),
        ("code", "srd.show('trade-kimblank2013-001')"),
        ("code", "srd.show(share)  # every row of a filtered frame"),
        ("md", "## Where do the sources agree and disagree?"),
        ("code", "checks = srd.consistency()\nchecks[['kind', 'rule', 'claim_ids', 'verdict']]"),
        ("md", "`claim_ids` is a list: cite the claims of a check directly"),
        ("code", "for note in srd.cite(checks.claim_ids.iloc[0]):\n    print(note, end='\\n\\n')"),
    ],
    "trade": [
        (
            "md",
            "# Trade\n\nTurnover, exports, imports, deficits, growth, shares, partner ranks, contracts, targets.",
        ),
        (
            "code",
            "%matplotlib inline\nimport sino_russia_data as srd\n\ntrade = srd.trade()\n"
            "trade[['claim_id', 'reporter', 'partner', 'flow', 'measure', 'value', 'unit', 'period_start', "
            "'qualifier', 'status']]",
        ),
        (
            "md",
            "Reported figures, estimates and the 2020 target are kept apart by `status`; "
            "'almost USD80 billion' is an `upper_bound` with hedge 'almost'.",
        ),
        ("code", "trade.groupby(['status', 'qualifier']).size()"),
        (
            "code",
            "from sino_russia_data.charts import trade_over_time\n\n"
            "trade_over_time(trade[trade.reporter == 'RUS'], srd.sources())",
        ),
        (
            "md",
            "Arithmetic checks over the trade table (exports + imports against turnover, ranks against levels):",
        ),
        (
            "code",
            "checks = srd.consistency()\nchecks[checks.claim_ids.map(lambda ids: any(i.startswith('trade-') for i in ids))][['rule', 'found', 'derived', 'verdict']]",
        ),
    ],
    "arms": [
        (
            "md",
            "# Arms exports\n\nMarket shares, growth between periods, exporter ranks, customers, arms-sale events.",
        ),
        (
            "code",
            "%matplotlib inline\nimport sino_russia_data as srd\n\narms = srd.arms()\n"
            "arms[arms.indicator != 'sale_event'][['claim_id', 'indicator', 'exporter', 'value', 'unit', "
            "'compared_to', 'status']]",
        ),
        ("md", "Sale events: what each source says happened to which system, and when."),
        (
            "code",
            "events = arms[arms.indicator == 'sale_event']\n"
            "events[['claim_id', 'system', 'buyer', 'event', 'period_start', 'period_end', 'source_id']]"
            ".sort_values('period_start')",
        ),
        (
            "code",
            "from sino_russia_data.charts import arms_exporters\n\narms_exporters(arms, srd.sources())",
        ),
        (
            "code",
            "checks = srd.consistency()\nchecks[checks.claim_ids.map(lambda ids: any(i.startswith('arms-') for i in ids))][['kind', 'found', 'verdict']]",
        ),
    ],
    "gas": [
        (
            "md",
            "# Gas and energy projects\n\nUnits are kept as printed; `value_normalised` converts "
            "trillion cubic feet to bcm with the exact factor 28.316846592.",
        ),
        (
            "code",
            "%matplotlib inline\nimport sino_russia_data as srd\n\ngas = srd.gas()\n"
            "gas[['claim_id', 'project', 'indicator', 'value', 'value_low', 'value_high', 'unit', "
            "'value_normalised', 'status']]",
        ),
        (
            "code",
            "gas[gas.project == 'power_of_siberia_eastern_route'][['claim_id', 'indicator', 'figure', 'source_id']]",
        ),
        (
            "code",
            "from sino_russia_data.charts import gas_projects\n\ngas_projects(gas, srd.sources())",
        ),
        ("md", "Implied per-unit figures, derived (never stored in the claim tables):"),
        (
            "code",
            "checks = srd.consistency()\nchecks[checks.claim_ids.map(lambda ids: any(i.startswith('gas-') for i in ids))][['rule', 'derived', 'verdict']]",
        ),
    ],
    "exercises": [
        (
            "md",
            "# Military exercises\n\nDates are stated, or resolved from relative phrases "
            "('earlier this year', 'next year') against the article's date: see `date_basis` and `note`.",
        ),
        (
            "code",
            "%matplotlib inline\nimport sino_russia_data as srd\n\nex = srd.exercises()\n"
            "ex[['claim_id', 'exercise', 'participants', 'kind', 'indicator', 'exercise_status', "
            "'period_start', 'period_end', 'date_basis']]",
        ),
        ("code", "ex[ex.date_basis == 'resolved'][['claim_id', 'figure', 'period_start', 'note']]"),
        (
            "code",
            "from sino_russia_data.charts import exercise_timeline\n\n"
            "exercise_timeline(ex, srd.sources())",
        ),
        (
            "code",
            "checks = srd.consistency()\nchecks[checks.claim_ids.map(lambda ids: any(i.startswith('exercises-') for i in ids))][['kind', 'found', 'verdict']]",
        ),
    ],
}


def build(cells: list[tuple[str, str]]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    for i, (kind, source) in enumerate(cells):
        cell = (
            nbformat.v4.new_markdown_cell(source)
            if kind == "md"
            else nbformat.v4.new_code_cell(source)
        )
        cell["id"] = f"cell-{i:02d}"
        nb.cells.append(cell)
    return nb


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, cells in NOTEBOOKS.items():
        nbformat.write(build(cells), OUT / f"{name}.ipynb")
        print(f"wrote notebooks/{name}.ipynb")


if __name__ == "__main__":
    main()
