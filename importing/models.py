"""What the last import of each post read and left behind, so that the next import can leave it alone when
nothing it depends on changed (`importing.unchanged`). Bookkeeping only: no page reads these rows, and
deleting them all only makes the next import compare every post in full again.
"""

from __future__ import annotations

from django.db import models

from blog.models import Post


class ImportedPost(models.Model):
    """One post as its files were last imported: the options and importer it was imported with, a digest
    of the post as that import left it (its row's last save, links and old URLs), and what other groups
    of a later run need from its files without reading them (`replay`: term names, Hugo paths and URLs,
    image hashes). Deleted with its post."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, primary_key=True, related_name="+")
    options = models.CharField(max_length=64)
    state = models.CharField(max_length=64)
    files = models.PositiveIntegerField()
    replay = models.JSONField(default=dict)

    def __str__(self) -> str:
        return f"post {self.post_id}: {self.files} file(s)"


class ImportedFile(models.Model):
    """One source file of an imported post: which file (a digest of its path and the folder it was found
    in), its bytes' sha256, and the language it was read as."""

    source = models.CharField(max_length=64, unique=True)
    content = models.CharField(max_length=64)
    language = models.CharField(max_length=8)
    post = models.ForeignKey(ImportedPost, on_delete=models.CASCADE, related_name="source_files")

    def __str__(self) -> str:
        return f"{self.source[:12]}… ({self.language}) of post {self.post_id}"
