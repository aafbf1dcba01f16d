"""Validation shared by the admin, the importer and any other writer: images Pillow can open and verify
(or safe, well-formed SVG: `blog.svg`), and profile links that can only be http(s) addresses or user names.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from blog.svg import MAX_SVG_BYTES, SvgError, is_svg_name, read_svg

MAX_IMAGE_PIXELS = 40_000_000


def validate_image_file(field_file) -> None:
    """Reject anything that is not a real, intact image (a renamed PDF, a truncated JPEG, a bomb); a file
    named `.svg` must be a safe, well-formed SVG instead (`blog.svg`)."""
    if getattr(field_file, "_committed", False):
        return  # already stored and checked when it was uploaded
    uploaded = getattr(field_file, "file", field_file)
    if is_svg_name(getattr(field_file, "name", "") or ""):
        validate_svg_file(uploaded)
        return
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


def validate_svg_file(uploaded) -> None:
    """Reject an SVG that is malformed, too large or carries scripts, foreign objects or entities."""
    try:
        uploaded.seek(0)
        read_svg(uploaded.read(MAX_SVG_BYTES + 1))
    except SvgError as exc:
        raise ValidationError(
            _("Upload a safe SVG image: the file %(problem)s."),
            code="invalid_svg",
            params={"problem": exc.translated()},
        ) from exc
    finally:
        uploaded.seek(0)


# --- profile links: only http(s) URLs or plain handles, never `javascript:` or `data:` ----------------------

validate_http_url = URLValidator(
    schemes=["http", "https"], message=_("Enter an http:// or https:// address.")
)
# A user name on GitHub, X or LinkedIn: letters, digits, `_`, `-` and `.`; an optional leading `@`.
HANDLE = re.compile(r"^@?[\w.-]{1,100}$")
# A Mastodon address: `@user@instance.example`.
FEDIVERSE_ADDRESS = re.compile(r"^@?[\w.-]{1,64}@[\w-]+(\.[\w-]+)+$")


def validate_handle(value: str) -> None:
    if not HANDLE.fullmatch(value):
        raise ValidationError(
            _("Enter a user name (letters, digits, “_”, “-” and “.”), not an address."), code="invalid_handle"
        )


def validate_handle_or_http_url(value: str) -> None:
    """A profile given either as a user name or as an http(s) address."""
    if HANDLE.fullmatch(value):
        return
    validate_http_url(value)


def validate_fediverse_address(value: str) -> None:
    """`@user@instance.example`, or the profile's http(s) address."""
    if FEDIVERSE_ADDRESS.fullmatch(value):
        return
    validate_http_url(value)


# Keys like `oss.lat` or `lucia-ferreyra`: Hugo author and term slugs may contain dots.
key_validator = RegexValidator(
    r"^[-\w.]+\Z", _("Use letters, numbers, dots, hyphens or underscores."), code="invalid_key"
)
