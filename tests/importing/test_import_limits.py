"""Bounded work per file (issue 11, point 8): a file with thousands of terms or a front matter that expands to
gigabytes through YAML aliases is refused with one line, quickly, and the other files still import; pairing
translated term lists is linear in their length."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from hypothesis import given
from hypothesis import strategies as st

from blog.models import Author, Post, Tag
from importing import term_links, terms
from importing.catalog import term_slug
from importing.frontmatter import MAX_EXPANDED_BYTES, FrontMatterError, parse_front_matter
from importing.shape import MAX_TERMS_PER_POST

GOOD = "---\ntitle: Una entrada buena\ndate: 2025-02-03\n---\nTexto en español.\n"


def import_with_one_failure(tmp_path: Path, name: str, content: str) -> tuple[str, str, Path]:
    """Import a good file and `content`; (stdout, stderr, path of the bad file)."""
    good, bad = tmp_path / "good.md", tmp_path / name
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(content, encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"1 file\(s\) failed"):
        call_command("import_posts", str(good), str(bad), stdout=out, stderr=err, lang="es")
    return out.getvalue(), err.getvalue(), bad


def names(count: int, prefix: str = "t") -> str:
    return "[" + ", ".join(f"{prefix}{n}" for n in range(count)) + "]"


# --- terms per post -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_file_with_nine_thousand_tags_is_refused_alone(tmp_path):
    content = f"---\ntitle: Etiquetas\ndate: 2025-01-01\ntags: {names(9000)}\n---\nTexto.\n"
    out, err, bad = import_with_one_failure(tmp_path, "tags.md", content)
    assert err.strip() == f"{bad}: too many tags: 9000 (at most {MAX_TERMS_PER_POST} per post)"
    assert list(Post.objects.values_list("title_es", flat=True)) == ["Una entrada buena"]
    assert not Tag.objects.exists()
    assert "1 created" in out and "1 failed" in out


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["categories", "series", "authors"])
def test_each_taxonomy_has_the_same_limit(tmp_path, key):
    content = f"---\ntitle: Muchos\ndate: 2025-01-01\n{key}: {names(MAX_TERMS_PER_POST + 1)}\n---\nTexto.\n"
    _out, err, bad = import_with_one_failure(tmp_path, "many.md", content)
    assert (
        err.strip()
        == f"{bad}: too many {key}: {MAX_TERMS_PER_POST + 1} (at most {MAX_TERMS_PER_POST} per post)"
    )
    assert not Author.objects.exists()


@pytest.mark.django_db
def test_a_post_at_the_limit_imports_with_all_its_tags(tmp_path):
    source = tmp_path / "limit.md"
    source.write_text(
        f"---\ntitle: Al límite\ndate: 2025-01-01\ntags: {names(MAX_TERMS_PER_POST)}\n---\nTexto.\n",
        encoding="utf-8",
    )
    call_command("import_posts", str(source), stdout=StringIO(), stderr=StringIO(), lang="es")
    assert Post.objects.get().tags.count() == MAX_TERMS_PER_POST


# --- pairing translated term lists ----------------------------------------------------------------------


def test_pairing_looks_up_each_name_a_bounded_number_of_times(monkeypatch):
    """The old pairing compared every name with every concept (2,000 tags: 4.8 s, 6,000: 115 s): the slug
    function ran n² times. Now each name costs a few dictionary lookups, whatever the list length."""
    calls = [0]

    def counting_slug(name: str) -> str:
        calls[0] += 1
        return term_slug(name)

    monkeypatch.setattr(terms, "term_slug", counting_slug)
    monkeypatch.setattr(term_links, "term_slug", counting_slug)
    count = 5000
    lists = {
        "es": [f"etiqueta {n}" for n in range(count)],
        "en": [f"tag {n}" for n in range(count)],
        "pt": [f"etiqueta {n}" for n in range(count)],  # pairs by slug with the Spanish names
    }
    concepts = terms.pair_terms(lists, ["es", "en", "pt"])
    assert len(concepts) == count
    assert concepts[7] == {"es": "etiqueta 7", "en": "tag 7", "pt": "etiqueta 7"}
    assert calls[0] <= 4 * 3 * count


def reference_pairing(names_by_language: dict[str, list[str]], order: list[str]) -> list[dict[str, str]]:
    """The term rule for one group written plainly (quadratic): names with one slug are one term; when the
    lists are parallel (same length, every shared slug at one position in all of them), names at the same
    position are one term too; a name whose slug its list already has is a repetition."""
    lists = {}
    for code in order:
        unique = []
        for name in names_by_language.get(code, []):
            if all(term_slug(other) != term_slug(name) for other in unique):
                unique.append(name)
        lists[code] = unique
    non_empty = [names for names in lists.values() if names]
    positions: dict[str, set[int]] = {}
    for names in non_empty:
        for position, name in enumerate(names):
            positions.setdefault(term_slug(name), set()).add(position)
    parallel = len({len(names) for names in non_empty}) == 1 and all(len(p) == 1 for p in positions.values())
    terms_: list[dict[str, str]] = []
    for code, names in lists.items():
        for position, name in enumerate(names):
            slug = term_slug(name)
            same = next(
                (
                    term
                    for term in terms_
                    if code not in term
                    and any(
                        term_slug(other) == slug or (parallel and lists[language].index(other) == position)
                        for language, other in term.items()
                    )
                ),
                None,
            )
            if same is None:
                terms_.append({code: name})
            else:
                same[code] = name
    return terms_


term_names = st.lists(
    st.sampled_from(["Comunidad", "comunidad", "Community", "Linux", "linux", "C", "C++", "Go"])
)


@given(es=term_names, en=term_names, pt=term_names)
def test_pairing_follows_the_term_rule(es, en, pt):
    lists = {"es": es, "en": en, "pt": pt}
    order = ["es", "en", "pt"]
    assert terms.pair_terms(lists, order) == reference_pairing(lists, order)


# --- expanded front matter ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_long_string_referenced_thousands_of_times_is_refused_at_once(tmp_path):
    """1 MB anchored once and referenced 3,000 times is 3 GB once expanded (it ran 37 s into a MemoryError
    while writing `Post.extra`): the count stops at the second reference."""
    refs = ", ".join(["*big"] * 3000)
    content = (
        f"---\ntitle: Bomba\ndate: 2025-01-01\nbig: &big {'x' * 1_000_000}\nrefs: [{refs}]\n---\nTexto.\n"
    )
    _out, err, bad = import_with_one_failure(tmp_path, "bomb.md", content)
    assert err.strip() == (
        f"{bad}: front matter expands to more than {MAX_EXPANDED_BYTES} bytes "
        "(a very long value, or one repeated through YAML aliases?)"
    )
    assert Post.objects.count() == 1


def test_a_value_over_the_limit_without_aliases_is_refused_too():
    with pytest.raises(FrontMatterError, match="expands to more than"):
        parse_front_matter(f"---\ntitle: x\nnotes: {'é' * (MAX_EXPANDED_BYTES // 2 + 1)}\n---\n")


def test_bytes_are_counted_not_characters():
    """Just under the limit in characters, over it in UTF-8 bytes (two per `é`)."""
    with pytest.raises(FrontMatterError, match="bytes"):
        parse_front_matter(f"---\nnotes: {'é' * (MAX_EXPANDED_BYTES - 100)}\n---\n")
    data, _body = parse_front_matter(f"---\nnotes: {'e' * (MAX_EXPANDED_BYTES - 100)}\n---\n")
    assert len(data["notes"]) == MAX_EXPANDED_BYTES - 100


def test_keys_count_towards_the_limit():
    keys = "\n".join(f"{'k' * 200}{n}: 1" for n in range(6000))
    with pytest.raises(FrontMatterError, match="bytes"):
        parse_front_matter(f"---\n{keys}\n---\n")
