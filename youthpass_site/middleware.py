"""Response headers the whole site shares."""


class PrivateCacheMiddleware:
    """Nothing shown to a logged-in person is kept by a browser or a proxy: pages, PDFs,
    photos, exports and data downloads carry `Cache-Control: private, no-store`, unless
    the view chose its own. Static files are answered before this runs and stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response
