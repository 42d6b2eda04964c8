"""The columns of a cluster row, declared once (klyngekatalog/columns.py): the CSV, the
catalogue table's cells, its filter data and its JSON rows all come from the same list."""

from __future__ import annotations


from klyngekatalog.columns import ClusterRows
from klyngekatalog.exports import csv_columns
from klyngekatalog.render import Renderer
from klyngekatalog.views import TABLE_INLINE_LIMIT, catalogue_table_page, table_rows_data



def test_rows_are_computed_once_per_index(index):
    assert index.rows is index.rows
    assert isinstance(index.rows, ClusterRows)
    assert [row["id"] for row in index.rows.rows] == [c.id for c in index.catalogue.clusters]


def test_keys_are_unique_and_usable_as_data_attributes(index):
    keys = [col.key for col in index.rows.columns]
    assert len(keys) == len(set(keys))
    # A data-<key> attribute keeps the key as is in JavaScript's dataset only in this form.
    assert all(key.replace("_", "").isalnum() and key == key.lower() for key in keys), keys


def test_the_csv_header_is_the_csv_columns(catalogue, index):
    assert csv_columns(catalogue, index) == [col.key for col in index.rows.columns if col.csv]


def test_visible_cells_are_numbered_without_gaps(index):
    assert [col.cell for col in index.rows.cells] == list(range(1, len(index.rows.cells) + 1))
    assert [col.key for col in index.rows.cells] == ["navn", "fagomraade", "certificering", "netvaerksperiode", "websted"]
    assert all(col.table for col in index.rows.cells)


def test_the_filters_find_their_data(index):
    keys = {col.key for col in index.rows.table_columns}
    # What docs/assets/tabel.js reads from a row, besides the fagomraader_<year> columns.
    assert {"id", "navn", "andre_navne", "innovationsnetvaerk", "niveauer", "liste", "aar", "har_beskrivelse", "websted"} <= keys
    years = {l.year for l in index.catalogue.lists if l.themed}
    assert {f"fagomraader_{y}" for y in years} <= keys


def test_json_rows_are_keyed_by_column(index):
    data = table_rows_data(index)
    keys = {col.key for col in index.rows.table_columns}
    assert len(data["rows"]) == len(index.catalogue.clusters)
    for row in data["rows"]:
        assert set(row) - {"_sort"} <= keys
        assert row["id"] and row["navn"]
    offshore = next(r for r in data["rows"] if r["id"] == "offshoreenergy-dk")
    assert list(offshore["niveauer"]) == ["guld", "eu-kvalitetsmaerke"]
    assert list(offshore["fagomraader_2016"]) == ["energi"]
    assert offshore["har_beskrivelse"] is True
    assert offshore["_sort"] == {"certificering": 1}


def test_one_sort_rule_for_the_level(index):
    """The level column sorts by rank (gold first), clusters without a certification last,
    in the HTML and the JSON alike."""
    rows = {r.values["id"]: r for r in catalogue_table_page(index).content.rows}
    json_rows = {r["id"]: r for r in table_rows_data(index)["rows"]}
    for cluster_id, row in rows.items():
        assert row.sort == json_rows[cluster_id]["_sort"]
    assert rows["offshoreenergy-dk"].sort["certificering"] == 1
    assert all(r.sort["certificering"] == 99 for r in rows.values() if not r.values["niveauer"])


def test_the_template_draws_every_visible_cell_by_key(index):
    html = Renderer().render(catalogue_table_page(index))
    for col in index.rows.cells:
        assert html.count(f'<td data-key="{col.key}"') == len(index.catalogue.clusters), col.key
    assert 'data-fagomraader_2016="energi"' in html
    assert len(index.catalogue.clusters) <= TABLE_INLINE_LIMIT
