"""Property-based tests of `import_posts`: whatever the front matter and body, the import ends with clean
per-file errors (never a traceback) and whole posts (never a partial one); a database failure injected in the
middle of writing a post group leaves the database exactly as it was.
"""

import shutil
import tempfile
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import OperationalError, transaction
from django.db.models.signals import post_save
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blog.models import Author, Category, Post, PostRedirect, Series, Tag
from tests.paths import SAMPLE_POSTS

SAMPLES = SAMPLE_POSTS
SAMPLE = SAMPLES / "000_9a5b190a61900fa2.txt"
KNOWN_KEYS = [
    "title",
    "date",
    "draft",
    "featured",
    "comment",
    "toc",
    "reward",
    "pinned",
    "carousel",
    "categories",
    "tags",
    "authors",
    "images",
    "series",
    "description",
    "summary",
    "slug",
    "lastmod",
    "aliases",
    "translationKey",
    "lang",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.dates(),
    st.datetimes(),
    st.just(""),
    st.just("2024-13-45"),
    st.just("../../etc/passwd"),
)
values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
front_matters = st.dictionaries(st.sampled_from(KNOWN_KEYS) | st.text(max_size=12), values, max_size=8)
bodies = st.text(max_size=400)


@st.composite
def markdown_files(draw) -> bytes:
    """Mostly YAML front matter + body; sometimes broken YAML, no front matter, or arbitrary bytes."""
    kind = draw(st.sampled_from(["yaml", "yaml", "yaml", "broken", "plain", "bytes"]))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    body = draw(bodies)
    if kind == "plain":
        return body.encode()
    if kind == "broken":
        return f"---\n{draw(st.text(max_size=80))}\n---\n{body}".encode()
    matter = draw(front_matters)
    if draw(st.booleans()):  # a title and a date, so the file gets past the first checks to the writer
        matter = {**matter, "title": draw(st.text(min_size=1, max_size=60)), "date": draw(st.datetimes())}
    matter = yaml.safe_dump(matter, allow_unicode=True, default_flow_style=False)
    return f"---\n{matter}---\n{body}".encode()


def run_import(*paths: Path) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    try:
        call_command("import_posts", *map(str, paths), stdout=stdout, stderr=stderr)
    except CommandError:
        pass  # the documented non-zero exit when some file failed; anything else is a traceback
    return stdout.getvalue(), stderr.getvalue()


def database_state() -> dict:
    return {
        "posts": sorted(
            Post.objects.values_list("source_key", "title_es", "title_pt", "title_en", "slug_es")
        ),
        "post_tags": sorted(Post.tags.through.objects.values_list("post_id", "tag_id")),
        "post_authors": sorted(Post.authors.through.objects.values_list("post_id", "author_id")),
        "tags": sorted(Tag.objects.values_list("slug", flat=True)),
        "categories": sorted(Category.objects.values_list("slug", flat=True)),
        "series": sorted(Series.objects.values_list("slug", flat=True)),
        "authors": sorted(Author.objects.values_list("slug", flat=True)),
        "redirects": sorted(PostRedirect.objects.values_list("path", flat=True)),
    }


@pytest.fixture
def workdir():
    path = Path(tempfile.mkdtemp(prefix="import-props-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.mark.django_db
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=markdown_files())
def test_random_files_give_clean_errors_and_whole_posts(workdir, content):
    folder = Path(tempfile.mkdtemp(dir=workdir))
    random_file = folder / "random.md"
    random_file.write_bytes(content)
    shutil.copy(SAMPLE, folder / "sample.md")
    with transaction.atomic():
        stdout, stderr = run_import(folder)
        assert "Traceback" not in stdout + stderr
        for line in filter(None, stderr.splitlines()):
            assert "Traceback" not in line
        posts = list(Post.objects.all())
        assert any(post.source_key and "sample" in post.source_key for post in posts), stderr
        for post in posts:  # a whole post: a title and a slug in each language it has a title in
            titled = [code for code in ("es", "pt", "en") if getattr(post, f"title_{code}")]
            assert titled
            assert all(getattr(post, f"slug_{code}") for code in titled)
        if str(random_file) in stderr:
            assert not any(post.source_key and "random" in post.source_key for post in posts)
        transaction.set_rollback(True)


class InjectedFailure(OperationalError):
    """Stands for a database error (lost connection, lock timeout) in the middle of a write."""


def fail_after_post_row(sender, **kwargs):
    raise InjectedFailure("injected failure after writing the post row")


@pytest.fixture
def failing_write():
    """Raise right after the post row is saved: its new terms and authors are written, its tags, authors
    and redirects are not yet."""
    post_save.connect(fail_after_post_row, sender=Post, dispatch_uid="inject-failure")
    yield
    post_save.disconnect(sender=Post, dispatch_uid="inject-failure")


@pytest.mark.django_db(transaction=True)
def test_failure_while_creating_a_group_leaves_database_as_before(workdir, failing_write):
    shutil.copy(SAMPLE, workdir / "sample.md")
    before = database_state()
    _stdout, stderr = run_import(workdir)
    assert "injected failure" in stderr
    assert database_state() == before


@pytest.mark.django_db(transaction=True)
def test_failure_while_updating_a_group_keeps_the_old_post(workdir, request):
    sample = workdir / "sample.md"
    shutil.copy(SAMPLE, sample)
    run_import(workdir)
    before = database_state()
    text = sample.read_text()
    sample.write_text(
        text.replace("  - Kubernetes\n", "  - Kubernetes\n  - Nueva etiqueta\n").replace(
            'title: "Por Qué', 'title: "Cambiado: Por Qué'
        )
    )
    request.getfixturevalue("failing_write")
    _stdout, stderr = run_import(workdir)
    assert "injected failure" in stderr
    assert database_state() == before
