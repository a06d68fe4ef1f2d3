"""What every public page needs: the other language's address of the current page."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    current = get_language() or settings.LANGUAGE_CODE
    others = [
        {"code": code, "name": name, "url": translate_url(request.get_full_path(), code)}
        for code, name in settings.LANGUAGES
        if code != current
    ]
    return {"other_languages": others, "current_language": current}
