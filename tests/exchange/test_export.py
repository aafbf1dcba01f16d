"""Export: one XLIFF 1.2 or PO file per request, read back by translate-toolkit's own parsers, with stable
ids, the source fingerprint and the post's URL on every unit."""

import polib
import pytest
from django.test import override_settings
from lxml import etree

from exchange.exporting import posts_missing, translations_export
from exchange.formats import PO, XLIFF
from exchange.segments import fingerprint, post_segments
from tests.exchange.conftest import KCD, RECAP, SOVEREIGN_AI, parsed, unit_id

pytestmark = pytest.mark.django_db
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


def export(posts, file_format=XLIFF, language="pt"):
    return translations_export(posts=posts, language=language, file_format=file_format)


def units_by_id(content: bytes, file_format: str) -> dict:
    return {unit_id(unit, file_format): unit for unit in parsed(content, file_format).getunits()}


def test_the_xliff_is_version_1_2_with_the_source_and_target_languages(kcd):
    root = etree.fromstring(export([kcd]).content)
    assert (root.tag, root.get("version")) == (f"{{{XLIFF_NS}}}xliff", "1.2")
    files = root.findall(f"{{{XLIFF_NS}}}file")
    assert [(node.get("source-language"), node.get("target-language")) for node in files] == [("es", "pt")]


def test_translate_toolkit_reads_every_segment_back_with_its_source_text(kcd):
    store = parsed(export([kcd]).content, XLIFF)
    assert (store.getsourcelanguage(), store.gettargetlanguage()) == ("es", "pt")
    expected = {segment.id: segment.text for segment in post_segments(kcd, "es")}
    assert {unit_id(unit, XLIFF): unit.source for unit in store.getunits()} == expected


def test_unit_ids_are_unique_in_a_file_of_several_posts(samples):
    content = export([samples[KCD], samples[SOVEREIGN_AI]]).content
    ids = [node.get("id") for node in etree.fromstring(content).iter(f"{{{XLIFF_NS}}}trans-unit")]
    assert len(ids) == len(set(ids)) > 20


def test_every_trans_unit_has_its_target_right_after_its_source_when_filled(kcd):
    """XLIFF 1.2's schema: <source>, then <target>, then notes and context groups."""
    kcd.title_pt = "KCD Colômbia 2025"
    root = etree.fromstring(export([kcd]).content)
    title = next(node for node in root.iter(f"{{{XLIFF_NS}}}trans-unit") if node.get("id").endswith("/title"))
    assert [etree.QName(child).localname for child in title][:2] == ["source", "target"]


def test_ids_are_stable_across_two_exports(kcd):
    first, second = export([kcd]).content, export([kcd]).content
    assert list(units_by_id(first, XLIFF)) == list(units_by_id(second, XLIFF))


def test_each_unit_carries_the_fingerprint_of_its_source_and_the_post_url(kcd):
    units = units_by_id(export([kcd]).content, XLIFF)
    title = units[f"post/{kcd.pk}/title"]
    contexts = dict(title.getcontextgroups("bitacora")[0])
    assert contexts["x-source-sha256"] == fingerprint(kcd.title_es)
    assert contexts["x-post-url"].endswith(
        "/kcd-colombia-2025-bogotá-es-sede-de-la-gran-reunión-cloud-native-openinfra-y-ospo/"
    )
    assert contexts["x-post-url"] in title.getnotes()


@override_settings(SITE_URL="https://bitacora.example")
def test_the_url_is_absolute_when_the_site_has_an_address(kcd):
    units = units_by_id(export([kcd]).content, XLIFF)
    url = dict(units[f"post/{kcd.pk}/title"].getcontextgroups("bitacora")[0])["x-post-url"]
    assert url.startswith("https://bitacora.example/blog/2025/08/")


def test_the_po_file_has_the_ids_as_context_and_fingerprints_as_comments(kcd):
    content = export([kcd], PO).content
    assert parsed(content, PO).gettargetlanguage() == "pt"
    body = units_by_id(content, PO)[f"post/{kcd.pk}/body/2"]
    source = {segment.id: segment.text for segment in post_segments(kcd, "es")}
    assert body.source == source[f"post/{kcd.pk}/body/2"]
    assert f"source-sha256: {fingerprint(body.source)}" in body.getnotes("developer")


def test_the_po_file_is_read_by_polib_too(kcd):
    catalogue = polib.pofile(export([kcd], PO).content.decode())
    assert catalogue.metadata["Language"] == "pt"
    assert [entry.msgctxt for entry in catalogue][:2] == [f"post/{kcd.pk}/title", f"post/{kcd.pk}/slug"]


def test_a_translation_in_progress_travels_as_the_target(kcd):
    kcd.title_pt = "KCD Colômbia 2025"
    units = units_by_id(export([kcd]).content, XLIFF)
    assert units[f"post/{kcd.pk}/title"].target == "KCD Colômbia 2025"
    assert not units[f"post/{kcd.pk}/body/1"].target


def test_the_source_is_the_posts_source_language(samples):
    recap = samples[RECAP]
    recap.source_language = "en"
    root = etree.fromstring(export([recap], language="es").content)
    assert root.find(f"{{{XLIFF_NS}}}file").get("source-language") == "en"


def test_a_post_written_in_the_target_language_is_left_out(samples):
    result = export([samples[KCD], samples[RECAP]], language="es")
    assert result.posts == []
    assert set(result.skipped) == {samples[KCD], samples[RECAP]}


def test_all_missing_selects_posts_without_the_language(samples):
    assert set(posts_missing("pt")) == {samples[KCD], samples[SOVEREIGN_AI]}
    assert list(posts_missing("es")) == []


def test_the_filename_says_the_posts_and_the_language(kcd):
    assert export([kcd], PO).filename == f"posts-{kcd.pk}.pt.po"
    assert export([kcd]).filename == f"posts-{kcd.pk}.pt.xlf"
