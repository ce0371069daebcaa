"""Request hygiene shared by every view."""

import re

from django.http import JsonResponse
from django.utils.translation import gettext as _

# C0 control characters but the tab, and DEL: no query parameter has a use for them, and they
# break what they reach (NUL in a PostgreSQL string, CR/LF in a header such as the schema's
# Content-Disposition).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


class RejectControlCharactersMiddleware:
    """Answer 400 to an API query string holding control characters, before any view reads it
    (the API's rule for malformed parameters). Pages keep theirs: they ignore what they cannot
    use and say so."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        for key, values in request.GET.lists():
            if any(CONTROL_CHARACTERS.search(text) for text in (key, *values)):
                return self.bad_request(request, key)
        return self.get_response(request)

    @staticmethod
    def bad_request(request, parameter: str):
        message = _("The parameter %(name)s holds control characters.") % {
            "name": CONTROL_CHARACTERS.sub("?", parameter)
        }
        return JsonResponse({"detail": message, parameter: [message]}, status=400)
