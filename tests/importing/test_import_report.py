"""Every file of a folder that looks like content gets exactly one line in the report (issue 12, point 7):
imported, skipped with a reason, or failed with a reason; page resources (images, data) get none."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

POST = "---\ntitle: {title}\ndate: 2025-02-03\n---\n{body}\n"
FOLDER = {
    "blog/hola.md": POST.format(title="Hola", body="Texto en español."),
    "blog/hola.en.md": POST.format(title="Hello", body="Text in English."),
    "blog/notas.txt": POST.format(title="Notas", body="Unas notas."),
    "blog/sin-fecha.md": "---\ntitle: Acerca de\n---\nSin fecha.\n",
    "blog/_index.md": "---\ntitle: Blog\n---\n",
    "blog/LEEME.md": "# Léeme\n\nNotas sin front matter.\n",
    "blog/vacio.md": "",
    "blog/binario.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "blog/roto.markdown": "---\ntitle: [sin cerrar\ndate: 2025-01-01\n---\nTexto.\n",
    "blog/pagina.html": "---\ntitle: En HTML\ndate: 2025-01-01\n---\n<p>HTML</p>\n",
    # Page resources: no line.
    "blog/portada.jpg": b"\xff\xd8\xff\xe0",
    "blog/datos.json": "{}",
}
EXPECTED = {
    "blog/hola.md": "created",
    "blog/hola.en.md": "created",
    "blog/notas.txt": "created",
    "blog/sin-fecha.md": "skipped: not a post (no date)",
    "blog/_index.md": "skipped: list page (_index), not a post",
    "blog/LEEME.md": "skipped: no front matter: not a post or a page",
    "blog/vacio.md": "skipped: no front matter: not a post or a page",
    "blog/binario.md": "failed: binary file",
    "blog/roto.markdown": "failed: invalid YAML front matter",
    "blog/pagina.html": "skipped: HTML content: only Markdown files are imported",
}


def make_folder(root: Path) -> Path:
    for name, content in FOLDER.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return root


def test_ten_content_files_give_ten_lines_and_the_summary_counts_ten(tmp_path):
    folder = make_folder(tmp_path / "content")
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match=r"2 file\(s\) failed"):
        call_command("import_posts", str(folder), lang="es", verbosity=2, stdout=out, stderr=err)
    lines = [line for line in (out.getvalue() + err.getvalue()).splitlines() if line.startswith(str(folder))]
    assert len(lines) == len(EXPECTED) == 10
    for name, outcome in EXPECTED.items():
        [line] = [line for line in lines if line.startswith(f"{folder / name}: ")]
        if outcome.startswith("failed: "):  # failures go to stderr as `path: cause`
            assert line in err.getvalue() and line.startswith(f"{folder / name}: {outcome[8:]}"), line
        else:
            assert line.startswith(f"{folder / name}: {outcome}"), line
    summary = out.getvalue().strip().splitlines()[-1]
    # Counts are of posts (hola.md and hola.en.md are one), skipped and failed files.
    assert summary == "2 created, 0 updated, 0 unchanged, 5 skipped, 0 warnings, 2 failed (10 files)"


def test_a_file_without_front_matter_named_on_the_command_line_still_fails(tmp_path):
    path = tmp_path / "LEEME.md"
    path.write_text("# Léeme\n")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_posts", str(path), lang="es", stdout=StringIO(), stderr=err)
    assert err.getvalue().strip() == f"{path}: no front matter (the file must start with a --- line)"
