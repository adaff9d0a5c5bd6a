"""CSV and XLSX exports of the dashboard: exactly the tables shown, suppression included."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

URL = reverse("monitoring:dashboard")
QUERY = "indicator=clients_total&gemeente=hengelo&gemeente=enschede"


def shown_tables(client):
    response = client.get(f"{URL}?{QUERY}")
    return [
        [
            [table.caption],
            table.columns,
            *[[v if isinstance(v, str) else v.shown for v in row] for row in table.rows],
        ]
        for table in response.context["page"]["tables"]
    ]


def test_the_csv_holds_exactly_the_tables_on_the_page(client, cast, figures):
    client.force_login(cast["enschede.editor"])
    response = client.get(f"{URL}?{QUERY}&export=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="monitoring-twente-clients_total.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    expected = []
    for table in shown_tables(client):
        expected.extend([*table, []])
    assert rows == expected
    assert ["< 5", "103"] in [row[1:] for row in rows]  # Hengelo hidden, Enschede its own


def test_the_xlsx_has_a_sheet_per_table_with_hidden_numbers_as_shown(client, cast, figures):
    client.force_login(cast["enschede.editor"])
    response = client.get(f"{URL}?{QUERY}&export=xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    tables = shown_tables(client)
    assert len(workbook.sheetnames) == len(tables)
    municipalities = workbook.worksheets[1]
    values = [[cell.value for cell in row] for row in municipalities.iter_rows()]
    assert values[1] == tables[1][1]
    last = figures["periods"][-1].label
    row = next(row for row in values if row[0] == last)
    assert row[1:] == ["< 5", 103]
    assert 3 not in [value for row in values for value in row]


def test_the_reporting_organization_exports_its_own_small_number(client, cast, figures):
    client.force_login(cast["hengelo.editor"])
    response = client.get(f"{URL}?indicator=clients_total&gemeente=hengelo&export=csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert [figures["periods"][-1].label, "3"] in rows


def test_a_label_that_looks_like_a_formula_stays_text(client, cast, figures):
    figures["borne"].name = "=HYPERLINK(1)"
    figures["borne"].save()
    client.force_login(cast["enschede.editor"])
    response = client.get(f"{URL}?indicator=clients_total&gemeente=borne&export=csv")
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")
    response = client.get(f"{URL}?indicator=clients_total&gemeente=borne&export=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[1]
    assert sheet.cell(row=2, column=2).value == "'=HYPERLINK(1)"
