"""``rashomon serve``: a REST API (``/api/...``, OpenAPI at ``/api/openapi.json``) and a
server-rendered web UI over one corpus database.

    app.py     the application: security headers, one JSON error shape, host check
    routes.py  the JSON endpoints (read only), paged and filtered
    pages.py   the web UI (Jinja2 templates in templates/, assets in static/)
    marks.py   article text cut into escaped pieces with facts and sentences marked
    drawing.py the story map (outlines from static/world.json) and the events timeline
"""

from .app import check_host, create_app

__all__ = ["check_host", "create_app"]
