"""The image library in the admin: several images uploaded at once, each with its alt text in every
language; stored once by content; bad files refused with a message; a list with thumbnails and search."""

import hashlib

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from library.models import Image
from tests.html import attrs, select, select_one, text, texts
from tests.library.images import SVG, bomb_png, image_bytes, upload

pytestmark = pytest.mark.django_db

ADD = reverse("admin:library_image_add")
ALT = {"es": "Un faro al atardecer", "pt": "Um farol ao entardecer", "en": "A lighthouse at dusk"}


def upload_data(*files, alt=ALT) -> dict:
    """The upload page's formset with one form per file."""
    data = {"images-TOTAL_FORMS": str(len(files)), "images-INITIAL_FORMS": "0"}
    for index, file in enumerate(files):
        data[f"images-{index}-file"] = file
        data.update({f"images-{index}-alt_{code}": f"{text} {index}" for code, text in alt.items()})
    return data


def form_errors(response) -> list[str]:
    return texts(response, ".library-upload-form .errorlist li")


def test_an_upload_is_stored_under_its_content_hash_with_its_size(editor_client):
    data = image_bytes((1600, 900))
    response = editor_client.post(ADD, upload_data(upload(data, name="Faro.PNG")))
    assert response.status_code == 302
    image = Image.objects.get()
    digest = hashlib.sha256(data).hexdigest()
    assert image.sha256 == digest
    assert image.file.name == f"library/{digest[:2]}/{digest}.png"
    assert (image.width, image.height, image.size) == (1600, 900, len(data))
    assert default_storage.open(image.file.name).read() == data
    assert [image.alt_es, image.alt_pt, image.alt_en] == [f"{ALT[code]} 0" for code in ALT]


def test_several_images_are_uploaded_at_once(editor_client):
    files = [upload(image_bytes(color=color), name=f"{color}.png") for color in ("red", "green", "blue")]
    editor_client.post(ADD, upload_data(*files))
    assert sorted(Image.objects.values_list("original_name", flat=True)) == [
        "blue.png",
        "green.png",
        "red.png",
    ]


def test_the_same_bytes_again_give_back_the_stored_image(editor_client):
    data = image_bytes()
    editor_client.post(ADD, upload_data(upload(data, name="first.png")))
    response = editor_client.post(
        ADD,
        upload_data(upload(data, name="again.png"), alt={"es": "Otro", "pt": "Outro", "en": "Other"}),
        follow=True,
    )
    image = Image.objects.get()
    assert (image.original_name, image.alt_es) == ("first.png", f"{ALT['es']} 0")
    assert "1 imagen ya estaba en la biblioteca" in text(response, ".messagelist")


def test_the_upload_page_offers_a_multiple_file_button_and_a_drop_zone(editor_client):
    page = editor_client.get(ADD)
    assert select(page, ".library-drop input#library-files[type=file][multiple]")
    assert attrs(page, "script[src]", "src")[-1].endswith("library/upload.js")
    assert 'name="images-__prefix__-file"' in str(select_one(page, "template#library-empty-form"))


@pytest.mark.parametrize("code", ["es", "pt", "en"])
def test_alt_text_is_required_in_every_language(editor_client, code):
    data = upload_data(upload(image_bytes()))
    data[f"images-0-alt_{code}"] = ""
    response = editor_client.post(ADD, data)
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors[f"alt_{code}"]
    assert not Image.objects.exists()


@pytest.mark.parametrize("code", ["es", "pt", "en"])
def test_alt_text_cannot_be_emptied_later(editor_client, code):
    editor_client.post(ADD, upload_data(upload(image_bytes())))
    image = Image.objects.get()
    data = {f"alt_{other}": ALT[other] for other in ALT} | {f"alt_{code}": ""}
    response = editor_client.post(reverse("admin:library_image_change", args=[image.pk]), data)
    assert response.status_code == 200
    assert f"alt_{code}" in response.context["adminform"].form.errors


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload(b"%PDF-1.4 a document, not an image"), "Suba una imagen válida"),
        (upload(image_bytes()[:60]), "Suba una imagen válida"),
        (upload(bomb_png()), "bomba de descompresión"),
        (upload(bomb_png(8000, 6000)), "La imagen es demasiado grande"),
        (upload(SVG, name="photo.png"), "Suba una imagen válida"),
        (upload(SVG, name="drawing.svg", content_type="image/svg+xml"), "no SVG"),
        (upload(image_bytes(image_format="TIFF"), name="scan.tif"), "no TIFF"),
    ],
    ids=[
        "not-an-image",
        "truncated",
        "decompression-bomb",
        "too-many-pixels",
        "svg-disguised",
        "svg",
        "tiff",
    ],
)
def test_bad_uploads_are_refused_with_a_message(editor_client, file, message):
    response = editor_client.post(ADD, upload_data(file))
    assert response.status_code == 200
    assert any(message in error for error in form_errors(response)), form_errors(response)
    assert not Image.objects.exists()
    assert not default_storage.exists("library")


def test_a_file_over_the_size_limit_is_refused(editor_client, settings):
    data = image_bytes()
    settings.LIBRARY_MAX_UPLOAD_BYTES = len(data) - 1
    response = editor_client.post(ADD, upload_data(upload(data)))
    assert any("demasiado grande" in error for error in form_errors(response))
    assert not Image.objects.exists()


def test_the_list_shows_thumbnails_and_sizes(editor_client):
    editor_client.post(ADD, upload_data(upload(image_bytes((1600, 900)))))
    image = Image.objects.get()
    page = editor_client.get(reverse("admin:library_image_changelist"))
    assert attrs(page, "img.library-thumbnail", "src") == [image.rendition_url("small")]
    assert attrs(page, "img.library-thumbnail", "width") == ["107"]  # 640×360 shown 60 px high
    assert "1600 × 900" in texts(page, "td.field-dimensions")


def test_the_list_searches_alt_texts_in_every_language(editor_client):
    editor_client.post(ADD, upload_data(upload(image_bytes(color="red"))))
    editor_client.post(
        ADD, upload_data(upload(image_bytes(color="blue")), alt={"es": "Gato", "pt": "Gato", "en": "Cat"})
    )
    response = editor_client.get(reverse("admin:library_image_changelist"), {"q": "farol"})
    assert [image.alt_en for image in response.context["cl"].result_list] == [f"{ALT['en']} 0"]
