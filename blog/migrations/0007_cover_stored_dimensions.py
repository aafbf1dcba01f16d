"""Post.cover's dimensions are stored, never measured from the file when a post is loaded (blog.fields).

Rows stored before (imported covers never had them) get theirs now: each cover file is read once, up to its
header; a missing or unreadable file is skipped (its post shows the generated cover). The dimensions are
the upright picture's, as the renditions will be (an EXIF quarter turn swaps them).
"""

from django.core.files.storage import default_storage
from django.db import migrations
from django.db.models import Q
from PIL import Image

import blog.fields
import blog.validators

QUARTER_TURNS = {5, 6, 7, 8}


def upright_size(name: str) -> tuple[int, int] | None:
    try:
        with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
            width, height = image.size
            orientation = image.getexif().get(0x0112, 1)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None
    return (height, width) if orientation in QUARTER_TURNS else (width, height)


def store_cover_dimensions(apps, schema_editor):
    Post = apps.get_model("blog", "Post")
    # Plain values, not model instances: nothing here may measure a file behind our back.
    missing = Post.objects.exclude(cover="").filter(Q(cover_width__isnull=True) | Q(cover_height__isnull=True))
    for pk, name in missing.values_list("pk", "cover").iterator():
        size = upright_size(name)
        if size is not None:
            Post.objects.filter(pk=pk).update(cover_width=size[0], cover_height=size[1])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0006_author_profile_links"),
    ]

    operations = [
        migrations.AlterField(
            model_name="post",
            name="cover",
            field=blog.fields.StoredDimensionsImageField(
                blank=True,
                height_field="cover_height",
                upload_to="covers/%Y/",
                validators=[blog.validators.validate_image_file],
                verbose_name="cover image",
                width_field="cover_width",
            ),
        ),
        migrations.RunPython(store_cover_dimensions, migrations.RunPython.noop, elidable=True),
    ]
