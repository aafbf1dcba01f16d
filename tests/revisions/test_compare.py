"""Comparing two revisions: a diff per language and field; Markdown bodies by paragraph, with the changed
words marked; states, dates and tags in words."""

import pytest
from django.utils.translation import gettext

from revisions.diffing import word_diff
from tests.factories import make_post, make_tag
from tests.html import select, select_one, texts
from tests.revisions.conftest import edit, first_paragraph, in_admin_language, revisions_url, versions

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited(client, sample_post, editor):
    """The sample post after an editor changed one word of the Portuguese body's first paragraph."""
    client.force_login(editor)
    edit(client, sample_post)  # a first save trims each body's final line break: not part of this diff
    body = sample_post.body_pt.replace("poucos eventos", "raros eventos", 1)
    edit(client, sample_post, body_pt=body)
    return sample_post


def compare_page(client, post, old=None, new=None):
    newest = versions(post)
    params = {"from": (old or newest[1]).pk, "to": (new or newest[0]).pk}
    return client.get(revisions_url(post, "compare"), params)


def test_the_diff_shows_the_changed_paragraph_and_word(client, edited):
    field = select_one(compare_page(client, edited), "dd[data-field=body_pt]")
    changed = select_one(field, ".diff-changed")
    assert texts(changed, "del") == ["poucos"]
    assert texts(changed, "ins") == ["raros"]
    assert changed.get_text().startswith(first_paragraph(edited.body_pt).split("poucos")[0])


def test_unchanged_paragraphs_are_folded_away(client, edited):
    field = select_one(compare_page(client, edited), "dd[data-field=body_pt]")
    assert len(select(field, ".diff-changed")) == 1
    folded = select(field, "details.diff-same .diff-para")
    assert len(folded) == len(edited.body_pt.strip().split("\n\n")) - 1


def test_the_diff_is_grouped_by_language(client, edited):
    page = compare_page(client, edited)
    assert texts(page, ".diff-section h2") == [in_admin_language(gettext, "Portuguese") + " (pt)"]
    assert select_one(page, "dd[data-field=body_pt]")["lang"] == "pt"


def test_a_language_state_change_is_shown_in_words(client, edited, publisher):
    client.force_login(publisher)
    edit(client, edited, status_en="draft")
    field = select_one(compare_page(client, edited), "dd[data-field=status_en]")
    published, draft = in_admin_language(gettext, "Published"), in_admin_language(gettext, "Draft")
    assert (texts(field, "del"), texts(field, "ins")) == ([published], [draft])


def test_tags_added_and_removed_are_named(client, edited, editor):
    removed, added = edited.tags.first(), make_tag("nuevo", {"es": "Nuevo", "pt": "Novo", "en": "New"})
    edit(client, edited, tags=[str(tag.pk) for tag in edited.tags.exclude(pk=removed.pk)] + [str(added.pk)])
    field = select_one(compare_page(client, edited), "dd[data-field=tags]")
    assert (texts(field, "del"), texts(field, "ins")) == ([str(removed)], [str(added)])


def test_any_two_revisions_can_be_compared_either_way(client, edited):
    newest = versions(edited)
    field = select_one(compare_page(client, edited, old=newest[0], new=newest[1]), "dd[data-field=body_pt]")
    assert (texts(field, ".diff-changed del"), texts(field, ".diff-changed ins")) == (["raros"], ["poucos"])


def test_a_revision_of_another_item_is_not_found(client, edited, editor):
    other = versions(edited)[0]
    post = make_post()
    client.force_login(editor)
    client.get(revisions_url(post, "history"))
    response = client.get(revisions_url(post, "compare"), {"from": other.pk, "to": versions(post)[0].pk})
    assert response.status_code == 404


def test_the_history_offers_the_two_newest_revisions_to_compare(client, edited):
    html = client.get(revisions_url(edited, "history")).content
    assert select_one(html, "form[method=get]")["action"] == revisions_url(edited, "compare")
    checked = {tag["name"]: tag["value"] for tag in select(html, ".compare-choice input[checked]")}
    newest = versions(edited)
    assert checked == {"from": str(newest[1].pk), "to": str(newest[0].pk)}


def test_a_word_diff_marks_only_the_words_that_changed():
    html = word_diff("the quick brown fox", "the slow brown fox")
    assert (texts(html, "del"), texts(html, "ins")) == (["quick"], ["slow"])
    assert select_one(f"<p>{html}</p>", "p").get_text() == "the quickslow brown fox"


def test_a_diff_escapes_the_text_it_shows():
    html = word_diff("<b>bold</b>", "<script>x</script>")
    assert not select(html, "script") and not select(html, "b")
