"""The web desk: server-rendered pages over the same store as the JSON API.

``install(app)`` adds the HTML routes (``/``, ``/stories/{id}``,
``/stories/{id}/parallel``, ``/parallel``, ``/search``, ``/documents/{id}``)
and mounts ``/static``. No build step: Jinja2 templates with autoescape, one
CSS file, one small script, charts as inline SVG drawn on the server.
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsloom.web.routes import HERE, router


def install(app: FastAPI) -> None:
    """Add the desk's pages and its static files to ``app`` (the API's app)."""
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")


__all__ = ["install"]
