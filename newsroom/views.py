from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView


@never_cache
@require_GET
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


@cache_control(max_age=60 * 60 * 24 * 7, public=True)
@require_GET
def favicon(request):
    from django.contrib.staticfiles import finders

    path = finders.find("img/favicon.ico")
    with open(path, "rb") as handle:
        return HttpResponse(handle.read(), content_type="image/x-icon")
