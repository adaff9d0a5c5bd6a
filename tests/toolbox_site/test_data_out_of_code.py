"""Data lives in data files, not in Python literals: no module of the project has a
module-level table written out in code longer than a screen's worth of settings.
Demo and reference data are JSON or CSV under each app's data/ (the data
migrations keep frozen copies beside them)."""

import ast
import json
from pathlib import Path

import pytest

from ..sources import PROJECT_APPS, python_files

ROOT = Path(__file__).resolve().parents[2]
APPS = (*PROJECT_APPS, "bench")
MAX_LITERAL_LINES = 25


def data_like(node):
    """Constants, names of constants (``Audience.FORMAL``), calls such as
    ``Decimal(365)`` and containers of those: a table, not code."""
    if isinstance(node, ast.Constant | ast.Name | ast.Attribute):
        return True
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(data_like(element) for element in node.elts)
    if isinstance(node, ast.Dict):
        return all(data_like(part) for part in (*node.keys, *node.values) if part is not None)
    if isinstance(node, ast.Call):
        return not node.keywords and all(data_like(arg) for arg in node.args)
    if isinstance(node, ast.BinOp):  # implicit string concatenation across lines
        return data_like(node.left) and data_like(node.right)
    return False


def literal(node):
    return isinstance(node, ast.List | ast.Tuple | ast.Dict | ast.Set) and data_like(node)


def project_modules():
    yield from python_files(*APPS)


def test_no_module_writes_out_a_long_table():
    long_tables = []
    for path in project_modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LITERAL_LINES and literal(node.value):
                    long_tables.append(f"{path.relative_to(ROOT)}:{node.lineno} ({lines} lines)")
    assert not long_tables, "Move these tables to a data file: " + ", ".join(long_tables)


@pytest.mark.parametrize(
    "path",
    sorted(str(p.relative_to(ROOT)) for app in APPS for p in (ROOT / app).glob("data/*.json")),
)
def test_every_data_file_is_valid_utf8_json(path):
    assert json.loads((ROOT / path).read_text(encoding="utf-8"))
