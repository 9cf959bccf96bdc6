"""Middleware of the whole site."""

from youthpass_site.lib.text import without_control_characters

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ControlCharactersMiddleware:
    """Every submitted form value without C0 and C1 control characters (tab and line
    breaks stay), so that no form, present or future, stores them.

    Nobody types them; pasted from elsewhere or sent on purpose, they would travel into
    certificates, e-mails and the organisers' spreadsheets. Uploaded files are not
    touched: they are read by their own readers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type in _FORM_TYPES:
            posted = request.POST
            if any(
                without_control_characters(value) != value
                for _key, values in posted.lists()
                for value in values
            ):
                cleaned = posted.copy()
                for key, values in posted.lists():
                    cleaned.setlist(key, [without_control_characters(value) for value in values])
                cleaned._mutable = False
                request.POST = cleaned
        return self.get_response(request)
