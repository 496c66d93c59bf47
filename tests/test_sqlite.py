"""The SQLite export, read with sqlite3: constraints that mirror the models, full-text
search on every table, citations linked from every claim, the claims view."""

from __future__ import annotations

import re
import sqlite3

import pytest

import sino_russia_data as srd
from sino_russia_data import registry
from sino_russia_data.loaders import subject_columns
from sino_russia_data.publishing.exports import export
from sino_russia_data.publishing.sqlite_checks import pattern_check, text_columns


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    path = export("sqlite", tmp_path_factory.mktemp("sqlite") / "srd.sqlite")[0]
    connection = sqlite3.connect(path)
    yield connection
    connection.close()


def _row(con, table, key):
    cursor = con.execute(f'SELECT * FROM "{table}" WHERE rowid = ?', (key,))
    names = [d[0] for d in cursor.description]
    return dict(zip(names, cursor.fetchone(), strict=True))


def _refused(con, table, row):
    names = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    with pytest.raises(sqlite3.IntegrityError) as caught:
        con.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', list(row.values()))
    con.rollback()
    return str(caught.value)


def test_a_null_key_and_an_unknown_unit_are_refused(con):
    row = _row(con, "trade", 1)
    assert "NOT NULL" in _refused(con, "trade", {**row, "claim_id": None})
    fresh = {**row, "claim_id": "trade-cohen2014-999"}
    assert "CHECK" in _refused(con, "trade", {**fresh, "unit": "bananas"})
    assert "CHECK" in _refused(con, "trade", {**fresh, "period_start": "2014-02-30"})
    assert "CHECK" in _refused(con, "trade", {**fresh, "value": "lots"})
    assert "CHECK" in _refused(con, "trade", {**fresh, "reporter": "Russia"})
    assert "CHECK" in _refused(con, "excluded", {**_row(con, "excluded", 1), "exclusion_id": "x-1"})


@pytest.mark.parametrize("table", [t.name for t in registry.tables()])
def test_every_column_carries_the_model_constraints(con, table):
    declared = registry.table(table)
    info = {r[1]: r for r in con.execute(f'PRAGMA table_info("{table}")')}
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    for field in declared.fields:
        assert bool(info[field.name][3]) == field.required, field.name  # NOT NULL
        assert info[field.name][2] == ("REAL" if field.type == "number" else "TEXT")
        if field.enum is not None:
            listed = ", ".join(f"'{v}'" for v in field.enum)
            assert f'"{field.name}" IN ({listed})' in sql, field.name


def _samples(values):
    """Cells of the data plus variants that break patterns in typical ways."""
    out = set()
    for v in values:
        out |= {v, v + " ", v.upper(), v.lower(), v[:-1], v + "-", "-" + v, v.replace("_", " ")}
    return sorted(out | {"", " ", "\t\n", "a b", "x", "A1", "ABC", "EU", "EURO"})


@pytest.mark.parametrize(
    ("table", "column"),
    [(t.name, f.name) for t in registry.tables() for f in t.fields if f.full_pattern],
)
def test_a_pattern_constraint_accepts_exactly_what_the_pattern_matches(con, table, column):
    field = registry.table(table).field(column)
    check = pattern_check("x", field.full_pattern)
    if check is None:  # not expressible in SQLite; the validator alone checks it
        assert re.search(r"\{\d+,\}|\(\?:.*\)\*|\\S\+|s\?", field.full_pattern), column
        return
    values = [v for (v,) in con.execute(f'SELECT "{column}" FROM "{table}"') if v is not None]
    for sample in _samples(values[:40]):
        (got,) = con.execute(f"SELECT {check} FROM (SELECT ? AS x)", (sample,)).fetchone()
        assert bool(got) == bool(re.fullmatch(field.full_pattern, sample)), (column, sample)


@pytest.mark.parametrize("table", [t.name for t in registry.tables()])
def test_full_text_search_covers_each_table_text(con, table):
    columns = text_columns(registry.table(table))
    assert columns
    fts = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE name LIKE '%_fts'")}
    assert f"{table}_fts" in fts
    indexed = [r[1] for r in con.execute(f'PRAGMA table_info("{table}_fts")')]
    assert indexed == columns
    quote = registry.table(table).quote_column
    assert quote is None or quote in columns


def test_search_finds_only_matching_rows(con):
    columns = ", ".join(f'gas."{c}"' for c in text_columns(registry.table("gas")))
    hits = con.execute(
        f"SELECT {columns} FROM gas JOIN gas_fts ON gas.rowid = gas_fts.rowid "
        "WHERE gas_fts MATCH 'pipeline'"
    ).fetchall()
    total = con.execute("SELECT count(*) FROM gas").fetchone()[0]
    assert 0 < len(hits) < total
    assert all(re.search(r"\bpipeline\b", " ".join(c or "" for c in row).lower()) for row in hits)


def test_every_claim_links_to_its_citation(con):
    claims = srd.claims()
    rows = dict(con.execute("SELECT claim_id, citation FROM citations").fetchall())
    assert set(rows) == set(claims["claim_id"])
    one = claims.iloc[0]
    assert rows[one.claim_id] == srd.cite(one.claim_id)
    from sino_russia_data.texts.display import display_quote

    sources = srd.sources().set_index("source_id", drop=False)
    shown = dict(con.execute("SELECT claim_id, quote_display FROM citations").fetchall())
    cleaned = 0
    for claim in claims.to_dict("records"):
        expected = display_quote(claim["quote"], sources.loc[claim["source_id"]])
        assert shown[claim["claim_id"]] == expected
        cleaned += expected != claim["quote"]
    assert cleaned > 0
    con.execute("PRAGMA foreign_keys = ON")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []


def test_claims_view_has_the_claims_columns(con):
    cursor = con.execute("SELECT * FROM claims")
    names = [d[0] for d in cursor.description]
    assert names == registry.claim_columns() + subject_columns()
    assert len(cursor.fetchall()) == len(srd.claims())
