"""Where the tests' data lives: the repository, the sample posts and the Hugo sample site (and its TSVs)."""

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
HUGO_SAMPLE = TEST_DATA / "hugo-sample"
SAMPLE_POSTS = ROOT / "fixtures" / "content"


def hugo_expected(name: str) -> list[dict]:
    """A TSV of the Hugo sample's ground truth (`expected-urls.tsv`…, see its EXPECTED.md), as dict rows."""
    with (HUGO_SAMPLE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))
