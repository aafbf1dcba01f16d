"""A file that is not ours to import is refused whole, with a message naming the problem, and nothing is
written: not XML, not XLIFF 1.2, no units, another language, another site, an id we never exported."""

import polib
import pytest
from django.test import override_settings
from translate.storage import po, xliff, xliff2

from blog.models import Post
from exchange.exporting import translations_export
from exchange.formats import PO, XLIFF, Refused
from exchange.importing import MAX_BYTES, translations_import
from tests.exchange.conftest import KCD, SOVEREIGN_AI, fill, parsed

pytestmark = pytest.mark.django_db


def exported(posts, file_format=XLIFF, language="pt") -> bytes:
    return translations_export(posts=posts, language=language, file_format=file_format).content


def refusal(content: bytes, filename="translated.xlf", language="pt") -> str:
    with pytest.raises(Refused) as refused:
        translations_import(data=content, filename=filename, language=language)
    return str(refused.value)


def test_a_file_that_is_not_xml_is_refused(kcd):
    assert "not well-formed XML" in refusal(b"Hola, esto no es XML.")


def test_a_truncated_xliff_is_refused(kcd):
    content = fill(exported([kcd]), XLIFF)
    assert "not well-formed XML" in refusal(content[: len(content) // 2])


def test_xliff_2_is_refused_by_version(kcd):
    store = xliff2.Xliff2File(sourcelanguage="es", targetlanguage="pt")
    store.addsourceunit("Hola").setid(f"post/{kcd.pk}/title")
    assert "XLIFF 2.0" in refusal(bytes(store))


def test_xliff_1_1_is_refused_by_version(kcd):
    store = xliff.xlifffile(sourcelanguage="es", targetlanguage="pt")
    store.addsourceunit("Hola")
    assert "XLIFF 1.1" in refusal(bytes(store))


def test_xml_that_is_not_xliff_is_refused(kcd):
    assert "not XLIFF" in refusal(b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')


def test_a_file_without_units_is_refused(kcd):
    store = po.pofile()
    store.updateheader(add=True, Language="pt")
    assert "no translation units" in refusal(bytes(store), filename="empty.po")


def test_a_po_file_for_another_language_is_refused(kcd):
    content = fill(exported([kcd], PO, language="en"), PO)
    assert refusal(content, filename="kcd.po", language="pt") == "The file is for “en”, not “pt”."


def test_a_file_for_a_language_the_site_does_not_have_is_refused(kcd):
    store = parsed(exported([kcd], PO), PO)
    store.updateheader(Language="fr")
    assert "“fr”, which this site does not have" in refusal(bytes(store), filename="kcd.po", language=None)


def test_a_file_from_another_site_is_refused(kcd):
    with override_settings(SITE_NAME="Otro sitio"):
        content = fill(exported([kcd]), XLIFF)
    assert "exported by another site (“Otro sitio”)" in refusal(content)


def with_unit_id(content: bytes, file_format: str, old: str, new: str) -> bytes:
    store = parsed(content, file_format)
    for unit in store.getunits():
        if file_format == PO and unit.getcontext() == old:
            unit.setcontext(new)
        elif file_format == XLIFF and unit.getid().endswith(old):
            unit.xmlelement.set("id", new)  # what a careless tool may do; setid() keeps ours valid
    return bytes(store)


@pytest.mark.parametrize("file_format", [XLIFF, PO])
def test_an_id_for_a_post_that_does_not_exist_is_refused(kcd, file_format):
    content = with_unit_id(
        fill(exported([kcd], file_format), file_format),
        file_format,
        f"post/{kcd.pk}/title",
        "post/99999/title",
    )
    assert "Unknown unit id “post/99999/title”: there is no post 99999." in refusal(
        content, f"x.{'xlf' if file_format == XLIFF else 'po'}"
    )


def test_an_id_we_never_export_is_refused(kcd):
    content = with_unit_id(fill(exported([kcd]), XLIFF), XLIFF, f"post/{kcd.pk}/title", f"post/{kcd.pk}/tags")
    assert f"Unknown unit id “post/{kcd.pk}/tags”" in refusal(content)


def test_a_repeated_id_is_refused(kcd):
    slug, title = f"post/{kcd.pk}/slug", f"post/{kcd.pk}/title"
    content = with_unit_id(fill(exported([kcd], PO), PO), PO, slug, title)
    assert f"“{title}” appears more than once" in refusal(content, "x.po")


def test_a_unit_that_lost_its_fingerprint_is_refused(kcd):
    catalogue = polib.pofile(fill(exported([kcd], PO), PO).decode())
    catalogue[1].comment = ""  # a tool that drops extracted comments
    assert "lost its source fingerprint" in refusal(str(catalogue).encode(), "x.po")


def test_a_file_over_the_size_limit_is_refused(kcd):
    assert "larger than 10 MB" in refusal(b" " * (MAX_BYTES + 1))


def test_a_refused_file_writes_nothing_even_for_its_good_posts(samples):
    good, other = samples[KCD], samples[SOVEREIGN_AI]
    content = fill(exported([good, other]), XLIFF)
    content = with_unit_id(content, XLIFF, f"post/{other.pk}/title", "post/99999/title")
    refusal(content)
    assert not Post.objects.get(pk=good.pk).title_pt
