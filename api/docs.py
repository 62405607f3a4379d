"""The API's documentation page, /api/v1/docs/: the reference in Vietnamese, then Swagger UI.

The reference is read from the OpenAPI schema the code generates (made once per
process), so it cannot drift from the endpoints. Swagger UI comes from
drf-spectacular-sidecar's static files (no CDN) and starts from our own script, so
the page runs under the site's Content-Security-Policy.
"""

import functools

from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "head")


@functools.cache
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def operations(document):
    found = []
    for path, item in document["paths"].items():
        for method in METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            found.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": parameter["name"],
                            "where": "đường dẫn" if parameter["in"] == "path" else "tham số",
                            "description": parameter.get("description", ""),
                        }
                        for parameter in operation.get("parameters", [])
                    ],
                }
            )
    return found


class DocsView(TemplateView):
    template_name = "api/docs.html"

    def get_context_data(self, **kwargs):
        document = schema()
        return super().get_context_data(
            info=document["info"], operations=operations(document), **kwargs
        )
