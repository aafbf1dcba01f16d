"""Upload validation: an image field accepts only files Pillow can open and verify."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

MAX_IMAGE_PIXELS = 40_000_000


def validate_image_file(field_file) -> None:
    """Reject anything that is not a real, intact image (a renamed PDF, a truncated JPEG, a bomb)."""
    if getattr(field_file, "_committed", False):
        return  # already stored and checked when it was uploaded
    uploaded = getattr(field_file, "file", field_file)
    try:
        uploaded.seek(0)
        with Image.open(uploaded) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is too large (%(pixels)s pixels)."),
                    code="image_too_large",
                    params={"pixels": image.width * image.height},
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(
            _("Upload a valid image. The file you uploaded was either not an image or a corrupted image."),
            code="invalid_image",
        ) from exc
    finally:
        try:
            uploaded.seek(0)
        except (AttributeError, OSError, ValueError):
            pass
