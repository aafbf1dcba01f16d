"""`export_translations` and `import_translations`: the same services from the command line."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from blog.models import Post
from tests.exchange.conftest import KCD, SOVEREIGN_AI, fill, parsed, unit_id

pytestmark = pytest.mark.django_db


def run(name: str, *args) -> str:
    out = StringIO()
    call_command(name, *map(str, args), stdout=out, stderr=StringIO())
    return out.getvalue()


def test_export_writes_the_named_posts_to_a_file(kcd, tmp_path):
    target = tmp_path / "kcd.xlf"
    assert "1 posts written" in run("export_translations", kcd.pk, "--language", "pt", "-o", target)
    ids = {unit_id(unit, "xliff") for unit in parsed(target.read_bytes(), "xliff").getunits()}
    assert f"post/{kcd.pk}/body/1" in ids


def test_export_all_missing_takes_every_post_without_the_language(samples, tmp_path):
    target = tmp_path / "missing.po"
    run("export_translations", "--language", "pt", "--format", "po", "--all-missing", "-o", target)
    posts = {unit_id(unit, "po").split("/")[1] for unit in parsed(target.read_bytes(), "po").getunits()}
    assert posts == {str(samples[KCD].pk), str(samples[SOVEREIGN_AI].pk)}


def test_export_needs_ids_or_all_missing(kcd):
    with pytest.raises(CommandError, match="--all-missing"):
        run("export_translations", "--language", "pt")


def test_export_names_an_unknown_post(kcd):
    with pytest.raises(CommandError, match="No post with id 99999"):
        run("export_translations", "99999", "--language", "pt")


def test_import_applies_a_filled_file_and_reports_each_post(kcd, tmp_path):
    target = tmp_path / "kcd.po"
    run("export_translations", kcd.pk, "--language", "pt", "--format", "po", "-o", target)
    target.write_bytes(fill(target.read_bytes(), "po"))
    output = run("import_translations", target)
    assert f"post {kcd.pk}" in output and "0 flagged" in output
    assert Post.objects.get(pk=kcd.pk).title_pt == f"PT {kcd.title_es}"


def test_import_of_a_refused_file_is_an_error_naming_the_problem(kcd, tmp_path):
    target = tmp_path / "broken.xlf"
    target.write_bytes(b"<xliff")
    with pytest.raises(CommandError, match="broken.xlf: The file is not well-formed XML"):
        run("import_translations", target)
