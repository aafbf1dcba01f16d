"""How a post is cut into segments: whole fields, body blocks between blank lines, fenced code kept whole,
stable ids and fingerprints of the normalised source."""

from exchange.segments import fingerprint, join_blocks, parse_id, post_segments, split_blocks

FENCED = """Intro paragraph
on two lines.

```python
def f():

    return 1
```

~~~
a

b
~~~

Last words."""


def test_blocks_are_what_lies_between_blank_lines():
    assert split_blocks("One.\n\n## Two\n\n* three\n* four\n") == ["One.", "## Two", "* three\n* four"]


def test_a_fenced_code_block_stays_whole_across_its_blank_lines():
    blocks = split_blocks(FENCED)
    assert blocks[1] == "```python\ndef f():\n\n    return 1\n```"
    assert blocks[2] == "~~~\na\n\nb\n~~~"
    assert len(blocks) == 4


def test_an_unclosed_fence_runs_to_the_end():
    assert split_blocks("Text.\n\n```\ncode\n\nmore code") == ["Text.", "```\ncode\n\nmore code"]


def test_joining_the_blocks_gives_the_body_back():
    assert join_blocks(split_blocks(FENCED)) == FENCED


def test_runs_of_blank_lines_and_windows_line_ends_are_one_separator():
    assert split_blocks("a\r\n\r\n\r\n\r\nb  \r\n") == ["a", "b"]


def test_the_fingerprint_ignores_line_end_style_and_trailing_spaces_but_not_wording():
    assert fingerprint("Hola  \r\nmundo\n") == fingerprint("Hola\nmundo")
    assert fingerprint("Hola mundo") != fingerprint("Hola, mundo")


def test_the_fingerprint_is_the_sha256_of_the_nfc_text():
    assert fingerprint("Bogota\u0301") == fingerprint("Bogotá")
    assert fingerprint("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_ids_name_the_post_the_field_and_the_block(kcd):
    ids = [segment.id for segment in post_segments(kcd, "es")]
    assert ids[:3] == [f"post/{kcd.pk}/title", f"post/{kcd.pk}/slug", f"post/{kcd.pk}/body/1"]
    assert ids[-1] == f"post/{kcd.pk}/body/{len(split_blocks(kcd.body_es))}"


def test_the_segments_of_a_sample_post_cover_its_whole_body(kcd):
    blocks = [segment.text for segment in post_segments(kcd, "es") if segment.field == "body"]
    assert join_blocks(blocks) == kcd.body_es.strip()


def test_an_empty_field_has_no_segment(kcd):
    kcd.summary_es = ""
    assert "summary" not in {segment.field for segment in post_segments(kcd, "es")}


def test_parse_id_reads_only_our_ids():
    assert parse_id("post/12/body/3") == (12, "body", 3)
    assert parse_id("post/12/title") == (12, "title", None)
    for wrong in ("post/12/body", "post/12/title/2", "post/0/title", "page/3/title", "post/x/title", ""):
        assert parse_id(wrong) is None, wrong
