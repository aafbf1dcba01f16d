"""Template context every page needs: site name and the language list."""

from django.conf import settings


def site(request):
    return {"SITE_NAME": settings.SITE_NAME}
