"""Hugo shortcodes → Markdown at import (`importing.shortcodes`), checked through the renderer a page uses."""

import pytest

from blog.rendering import render_markdown
from importing.shortcodes import expand
from tests.html import attrs, select, select_one, text


def expanded(body: str, language: str = "es", **front_matter) -> tuple[str, list[str]]:
    return expand(body, language=language, front_matter=front_matter)


def rendered(body: str, language: str = "es", **front_matter) -> str:
    return render_markdown(expanded(body, language, **front_matter)[0]).html


def test_figure_is_a_figure_with_its_image_and_caption_after_sanitising():
    html = rendered('Antes.\n{{< figure src="/images/a.png" alt="Un mapa" caption="El *mapa* del barrio" >}}')
    assert attrs(html, "figure img", "src") == ["/images/a.png"]
    assert attrs(html, "figure img", "alt") == ["Un mapa"]
    assert text(html, "figure figcaption") == "El mapa del barrio"
    assert text(html, "figcaption em") == "mapa"


def test_figure_inside_a_list_item_stays_in_the_item():
    html = rendered('- uno\n\n  {{< figure src="/a.png" caption="Pie" >}}\n- dos')
    assert len(select(html, "li")) == 2
    assert select(html, "li figure img")


@pytest.mark.parametrize(
    ("language", "label"), [("es", "Ver en YouTube"), ("pt", "Ver no YouTube"), ("en", "View on YouTube")]
)
def test_youtube_is_a_link_to_the_video_in_the_pages_language_not_a_frame(language, label):
    html = rendered("{{< youtube Xk3vQ9mTz2A >}}", language)
    assert attrs(html, "a", "href") == ["https://www.youtube.com/watch?v=Xk3vQ9mTz2A"]
    assert text(html, "a") == label
    assert not select(html, "iframe")


def test_youtube_with_a_title_and_start_uses_them():
    html = rendered('{{< youtube id="Xk3vQ9mTz2A" title="La charla" start="90" >}}')
    assert attrs(html, "a", "href") == ["https://www.youtube.com/watch?v=Xk3vQ9mTz2A&t=90s"]
    assert text(html, "a") == "La charla"


def test_param_gives_the_front_matter_value_and_warns_when_there_is_none():
    body, warnings = expanded('{{< param "venue" >}} / {{< param "place.city" >}} / {{< param nada >}}',
                              venue="Plaza", place={"city": "Rosario"})  # fmt: skip
    assert body == "Plaza / Rosario / "
    assert warnings == ["shortcode {{< param nada >}}: no front-matter value 'nada'; left empty"]


def test_highlight_becomes_a_fenced_block_in_its_language():
    html = rendered('{{< highlight python "linenos=table" >}}\ndef f():\n    return "x"\n{{< /highlight >}}')
    assert '<span class="k">def</span>' in html
    assert select_one(html, "pre").get_text() == 'def f():\n    return "x"\n'


@pytest.mark.parametrize(("language", "label"), [("es", "Información"), ("pt", "Informação"), ("en", "Info")])
def test_notice_is_a_blockquote_with_the_bold_label_of_the_pages_language(language, label):
    html = rendered("{{% notice info %}}\nUsá `templates/`.\nSiempre.\n{{% /notice %}}", language)
    assert text(html, "blockquote p strong") == label
    assert text(html, "blockquote p:nth-of-type(2)") == "Usá templates/. Siempre."


def test_notice_keeps_its_quotes_straight_as_hugos_template_did():
    html = rendered(
        '{{% notice info %}}\nEach app\'s "templates/" and `don\'t` [here](/a/ "t").\n{{% /notice %}}', "en"
    )
    assert text(html, "blockquote p:nth-of-type(2)") == "Each app's \"templates/\" and don't here."
    assert attrs(html, "blockquote a", "title") == ["t"]


def test_notice_of_an_unknown_type_uses_the_type_as_its_label():
    assert text(rendered("{{< notice danger >}}\nOjo.\n{{< /notice >}}"), "blockquote strong") == "Danger"


def test_unknown_shortcode_stays_visible_as_text_with_a_warning():
    body, warnings = expanded('Mirá {{< tweet user="ana" id="1" >}} y [esto]({{<gallery>}}).')
    html = render_markdown(body).html
    assert "{{<" not in body
    assert text(html, "p") == 'Mirá {{< tweet user="ana" id="1" >}} y [esto]({{< gallery >}}).'
    assert not select(html, "a")
    assert warnings == [
        'unknown shortcode {{< tweet user="ana" id="1" >}} kept as text',
        "unknown shortcode {{<gallery>}} kept as text",
    ]


def test_unknown_shortcode_inside_code_is_left_as_written():
    body, warnings = expanded("```\n{{< gallery >}}\n```\n\nY `{{% raro %}}`.")
    assert body == "```\n{{< gallery >}}\n```\n\nY `{{% raro %}}`."
    assert len(warnings) == 2


def test_a_paired_shortcode_without_its_closing_tag_stays_text():
    body, warnings = expanded("{{< notice info >}}\nSin cierre.")
    assert text(render_markdown(body).html, "p") == "{{< notice info >}} Sin cierre."
    assert warnings == ["shortcode without its closing tag {{< notice info >}} kept as text"]


def test_commented_shortcode_shows_the_shortcode_itself():
    body, warnings = expanded('Escribí {{</* figure src="a.png" */>}}.\n\n```\n{{%/* notice */%}}\n```')
    html = render_markdown(body).html
    assert text(html, "p") == 'Escribí {{< figure src="a.png" >}}.'
    assert select_one(html, "pre").get_text() == "{{% notice %}}\n"
    assert warnings == []


def test_ref_and_relref_are_left_for_the_pass_that_knows_every_page():
    body = 'Ver [uno]({{< ref "/blog/uno" >}}) y [dos]({{< relref path="dos.md" lang="pt" >}}).'
    assert expanded(body) == (body, [])


def test_a_body_without_shortcodes_is_returned_as_it_is():
    body = "Texto con {llaves} y {{ dobles }}."
    assert expanded(body) == (body, [])
