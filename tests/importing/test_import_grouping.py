"""Translation grouping of loose files (content matching) and the rule for two files claiming one language."""

from io import StringIO

import pytest
from django.core.management import call_command

from blog.models import Post

pytestmark = pytest.mark.django_db

TEXT = {
    "es": "Este es un texto en español sobre la comunidad y los eventos que organizamos cada año.",
    "pt": "Este é um texto em português sobre a comunidade e os eventos que organizamos todos os anos.",
    "en": "This is an English text about the community and the events we organise every year.",
}


def write(folder, name: str, *, lang: str, date: str = "2025-04-18", explicit: bool = True, **keys):
    lines = [f"title: Post {name}", f"date: {date}"]
    if explicit:
        lines.append(f"lang: {lang}")
    lines += [f"{key}: {value}" for key, value in keys.items()]
    (folder / name).write_text("---\n" + "\n".join(lines) + f"\n---\n{TEXT[lang]}\n", encoding="utf-8")


def run(folder) -> str:
    out = StringIO()
    call_command("import_posts", str(folder), stdout=out, stderr=StringIO(), verbosity=2)
    return out.getvalue()


def language_sets() -> list[list[str]]:
    return sorted(post.languages() for post in Post.objects.all())


def test_same_day_and_cover_file_name_group_whatever_the_folder(tmp_path):
    write(tmp_path, "a.md", lang="es", images="[/images/events/cover.jpg]", authors="[ana]")
    write(tmp_path, "b.md", lang="pt", images="[/images/blog/cover.jpg]", authors="[bea]")
    run(tmp_path)
    assert language_sets() == [["es", "pt"]]


def test_same_day_authors_and_categories_group_without_a_cover(tmp_path):
    write(tmp_path, "a.md", lang="es", authors="[ana]", categories="[events]")
    write(tmp_path, "b.md", lang="en", authors="[ana]", categories="[events]")
    run(tmp_path)
    assert language_sets() == [["es", "en"]]


def test_same_day_with_other_categories_and_cover_stays_apart(tmp_path):
    write(tmp_path, "a.md", lang="es", authors="[ana]", categories="[events]", images="[/x/one.jpg]")
    write(tmp_path, "b.md", lang="en", authors="[ana]", categories="[blog]", images="[/x/two.jpg]")
    run(tmp_path)
    assert language_sets() == [["en"], ["es"]]


def test_same_cover_on_another_day_stays_apart(tmp_path):
    write(tmp_path, "a.md", lang="es", images="[/x/cover.jpg]")
    write(tmp_path, "b.md", lang="pt", date="2025-04-19", images="[/x/cover.jpg]")
    run(tmp_path)
    assert language_sets() == [["es"], ["pt"]]


def test_two_matching_files_in_one_language_are_two_posts(tmp_path):
    write(tmp_path, "a.md", lang="es", images="[/x/cover.jpg]")
    write(tmp_path, "b.md", lang="es", images="[/x/cover.jpg]")
    run(tmp_path)
    assert language_sets() == [["es"], ["es"]]


@pytest.mark.parametrize("names", [("a.md", "b.md"), ("b.md", "a.md")])
def test_explicit_language_wins_a_clash_in_one_group_and_the_other_is_reported(tmp_path, names):
    """Same translationKey, both Spanish: the file saying `lang: es` is kept, whichever is read first."""
    explicit, detected = names
    write(tmp_path, explicit, lang="es", translationKey="clash")
    write(tmp_path, detected, lang="es", explicit=False, translationKey="clash")
    output = run(tmp_path)
    assert Post.objects.get().title_es == f"Post {explicit}"
    assert f"{tmp_path / detected}: skipped: second es version of 'clash': kept {explicit}" in output
