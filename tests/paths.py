"""Where the tests' data lives: the repository, the sample posts and the Hugo sample site."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
HUGO_SAMPLE = TEST_DATA / "hugo-sample"
SAMPLE_POSTS = ROOT / "fixtures" / "content"
