"""Read rendered HTML in tests through a parser (BeautifulSoup with CSS selectors), not string surgery.

Every function takes a response, bytes, a string or an already parsed tag, so a test can scope itself:
`track = select_one(response, ".carousel-track")`, then `texts(track, ".carousel-title")`. A test that
picks out the part of the page it checks by selector keeps passing when unrelated markup changes
(attribute order, whitespace, wrapper elements) and fails only when the behaviour does.
"""

from bs4 import BeautifulSoup, Tag
from django.http import HttpResponse

Source = HttpResponse | bytes | str | Tag


def soup(source: Source) -> Tag:
    """The parsed document (a Tag is returned as it is)."""
    if isinstance(source, Tag):
        return source
    if isinstance(source, HttpResponse):
        source = source.content
    if isinstance(source, bytes):
        source = source.decode()
    return BeautifulSoup(source, "html.parser")


def select(source: Source, css: str) -> list[Tag]:
    """Every element matching the CSS selector, in document order."""
    return soup(source).select(css)


def select_one(source: Source, css: str) -> Tag:
    """The first element matching the selector; fails the test, naming the selector, when none does."""
    found = soup(source).select_one(css)
    assert found is not None, f"no element matches {css!r}"
    return found


def text(source: Source, css: str) -> str:
    """The text of the first match, with runs of whitespace collapsed to one space and the ends stripped."""
    return " ".join(select_one(source, css).get_text().split())


def texts(source: Source, css: str) -> list[str]:
    """The text of each match, whitespace collapsed as in text()."""
    return [" ".join(tag.get_text().split()) for tag in select(source, css)]


def attrs(source: Source, css: str, name: str) -> list[str]:
    """The value of attribute `name` on each match that has it (multi-valued ones such as class joined)."""
    values = (tag.get(name) for tag in select(source, css))
    return [" ".join(value) if isinstance(value, list) else value for value in values if value is not None]
