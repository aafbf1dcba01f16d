"""An image's rendition: a redirect to the stored file, made first when nobody has asked for it yet;
to the original when it cannot be made (a file Pillow cannot resize is still a file browsers show)."""

import logging

from django.core.files.storage import default_storage
from django.db import DatabaseError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control

from config.db_router import use_primary
from library.models import Image
from library.renditions import FORMATS, WIDTHS, ensure_rendition

logger = logging.getLogger(__name__)
# The stored rendition's name never changes for an image (its bytes never change): browsers may keep it.
REDIRECT_MAX_AGE = 60 * 60 * 24


def rendition(request, pk: int, kind: str, image_format: str):
    if kind not in WIDTHS or image_format not in FORMATS:
        raise Http404("unknown rendition")
    with use_primary():
        image = get_object_or_404(Image.objects.only("pk", "file", "renditions"), pk=pk)
        try:
            entry = ensure_rendition(image, kind)
        except (FileNotFoundError, DatabaseError, Image.DoesNotExist) as problem:
            logger.warning("library rendition of image %s (%s) not served: %s", pk, kind, problem)
            raise Http404("rendition not available") from problem
    target = default_storage.url(entry[image_format]) if entry else image.url
    response = HttpResponseRedirect(target)
    patch_cache_control(response, public=True, max_age=REDIRECT_MAX_AGE)
    return response
