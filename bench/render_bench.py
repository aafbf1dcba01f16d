"""Compare Markdown renderers on the Hugo sample: fidelity to Hugo's own output and speed.

    .venv/bin/python bench/render_bench.py                       # the current renderer only
    .venv/bin/python bench/render_bench.py --baseline 45cf396    # and blog/rendering.py as of that commit
    .venv/bin/python bench/render_bench.py --python-markdown     # and Python-Markdown as it comes

For each post page in `tests/data/hugo-sample/expected-post-html/` (what Hugo 0.152's Goldmark wrote), the
body of its source file is rendered and compared: `<li>` count, headings (level, id, text) and the body
text with its typographic characters (the last only for bodies without shortcodes, which Hugo expanded and
a renderer alone does not). Speed: every sample body rendered `--repeat` times (100 by default).
The baseline needs the renderer's libraries of that time installed (Python-Markdown for 45cf396).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0] = str(ROOT)  # bench/http.py would shadow the standard library
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")

import django  # noqa: E402

django.setup()

from bs4 import BeautifulSoup  # noqa: E402

from blog import rendering  # noqa: E402
from importing.frontmatter import parse_front_matter  # noqa: E402

BLOCKS = ["p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "div", "blockquote", "figure",
          "figcaption", "table", "thead", "tbody", "tr", "td", "th", "ul", "ol", "hr", "br"]  # fmt: skip


def sample_dir() -> Path:
    for candidate in (ROOT / "tests" / "data" / "hugo-sample", ROOT.parent / "shared" / "hugo-sample"):
        if (candidate / "expected-post-html").is_dir():
            return candidate
    sys.exit("no hugo-sample with expected-post-html/ found")


def load_cases(sample: Path) -> list[tuple[dict, str]]:
    cases = []
    for path in sorted((sample / "expected-post-html").glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        text = (sample / "content" / expected["source"]).read_text(encoding="utf-8")
        cases.append((expected, parse_front_matter(text)[1]))
    return cases


def baseline_renderer(revision: str):
    source = subprocess.run(
        ["git", "show", f"{revision}:blog/rendering.py"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "baseline_rendering.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("baseline_rendering", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module.render_markdown


def measure(html: str) -> dict:
    body = BeautifulSoup(html, "html.parser")
    for anchor in body.select("a.heading-anchor, a.headerlink"):
        anchor.decompose()
    headings = [
        (int(h.name[1]), h.get("id", ""), " ".join(h.get_text().split()))
        for h in body.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    ]
    for tag in body.find_all(BLOCKS):
        tag.insert_before(" ")
        tag.insert_after(" ")
    return {"li": len(body.find_all("li")), "headings": headings, "text": " ".join(body.get_text().split())}


def fidelity(render, cases) -> dict:
    score = {"posts": len(cases), "li": 0, "headings": 0, "text": 0, "text_posts": 0, "li_guia": []}
    for expected, body in cases:
        got = measure(render(body).html)
        want = [(h["level"], h["id"], h["text"]) for h in expected["headings"]]
        score["li"] += got["li"] == expected["list_items"]
        score["headings"] += got["headings"] == want
        if "{{" not in body:
            score["text_posts"] += 1
            score["text"] += got["text"] == expected["text"]
        if "guia-django-proyecto" in expected["source"]:
            score["li_guia"].append(got["li"])
    return score


def speed(render, bodies: list[str], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for body in bodies:
            render(body)
    return time.perf_counter() - start


def report(name: str, render, cases, repeat: int) -> None:
    score = fidelity(render, cases)
    seconds = speed(render, [body for _, body in cases], repeat)
    renders, posts = repeat * len(cases), score["posts"]
    print(
        f"{name}: <li> count right {score['li']}/{posts} (guia-django-proyecto: {score['li_guia']}), "
        f"headings right {score['headings']}/{posts}, text right {score['text']}/{score['text_posts']} "
        f"(bodies without shortcodes); {renders} renders in {seconds:.2f} s "
        f"({1000 * seconds / renders:.2f} ms each)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", help="a git revision whose blog/rendering.py to compare with")
    parser.add_argument(
        "--python-markdown", action="store_true", help="also Python-Markdown with its default settings"
    )
    parser.add_argument("--repeat", type=int, default=100)
    options = parser.parse_args()
    cases = load_cases(sample_dir())
    if options.python_markdown:
        import markdown

        def plain(text):
            return rendering.RenderedBody(html=markdown.markdown(text, extensions=["tables", "fenced_code"]))

        report("Python-Markdown (tables, fenced_code)", plain, cases, options.repeat)
    if options.baseline:
        report(f"baseline {options.baseline}", baseline_renderer(options.baseline), cases, options.repeat)
    report("current", rendering.render_markdown, cases, options.repeat)


if __name__ == "__main__":
    main()
