"""Each CSV in data/ matches its entry in the data card (data/README.md), and none is missing."""

import hashlib
import re

import pandas as pd
import pytest

from .conftest import ROOT

DATA = ROOT / "data"
CARD = (DATA / "README.md").read_text()
ROWS = re.findall(r"^\| (\S+\.csv) \| (\d+) \| (\d+) \| ([0-9a-f]{64}) \|$", CARD, re.M)


def test_card_lists_every_csv_and_nothing_else():
    assert sorted(name for name, *_ in ROWS) == sorted(p.name for p in DATA.glob("*.csv"))


@pytest.mark.parametrize("name, rows, columns, sha256", ROWS)
def test_file_matches_its_card(name, rows, columns, sha256):
    path = DATA / name
    assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256
    frame = pd.read_csv(path)
    assert frame.shape == (int(rows), int(columns))
    assert frame.isnull().sum().sum() == 0
    assert f"### {name}" in CARD and "Licence" in CARD.split(f"### {name}")[1].split("###")[0]
    for column in frame.columns:  # every column is named in its section (suffix/prefix families count)
        section = CARD.split(f"### {name}")[1]
        assert column in section or re.sub(r"_error$|^worst_", "", column) in section, column
