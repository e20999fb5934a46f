"""The desk's HTML routes: each builds its page from :mod:`newsloom.service`, server-side.

Every page is a Jinja2 template with autoescape on, sent with a strict
Content-Security-Policy: scripts and styles only from ``/static``, no inline
script, no plugins, no framing. Article text is escaped by the templates; the
policy is the second line of defence should a template ever slip.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context

from newsloom.api.deps import get_settings, get_store
from newsloom.api.errors import status_for
from newsloom.brief.render import KIND_LABELS
from newsloom.errors import ConfigError, NewsloomError
from newsloom.settings import Settings
from newsloom.store import Store
from newsloom.web.search_view import search_page
from newsloom.web.story_view import LANG_NAMES, story_list, story_page
from newsloom.web.text_view import document_page, parallel_page

HERE = Path(__file__).resolve().parent

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


@pass_context
def _path_for(context: dict, name: str, /, **params: object) -> str:
    """``url_for`` as a path (no scheme or host): links do not echo the request's Host."""
    return context["request"].url_for(name, **params).path


templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.autoescape = True
templates.env.globals["url_for"] = _path_for
templates.env.filters["langname"] = lambda code: LANG_NAMES.get(code or "", code or "?")
templates.env.filters["day"] = lambda value: (value or "")[:10]


def _relation_label(kind: str, direction: str = "unknown") -> str:
    """``translation_of`` + ``zh->en`` -> ``translation (zh → en)``."""
    label = "translation" if kind == "translation_of" else kind
    if direction and direction != "unknown":
        label += " (" + direction.replace("->", " → ") + ")"
    return label


templates.env.filters["rellabel"] = _relation_label
templates.env.filters["kindlabel"] = lambda kind: KIND_LABELS.get(kind, kind)

router = APIRouter(include_in_schema=False)
StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _page(request: Request, name: str, build: Callable[[], dict[str, object]]) -> HTMLResponse:
    """Render ``name`` with what ``build`` returns; a newsloom error becomes an error page."""
    try:
        context, status = build(), 200
    except NewsloomError as exc:
        name, status = "error.html", status_for(exc)
        context = {"error": exc, "status": status}
    return templates.TemplateResponse(
        request, name, context, status_code=status, headers=SECURITY_HEADERS
    )


@router.get("/", response_class=HTMLResponse, name="desk_stories")
def stories(request: Request, store: StoreDep) -> HTMLResponse:
    return _page(request, "stories.html", lambda: {"stories": story_list(store)})


@router.get("/stories/{story_id}", response_class=HTMLResponse, name="desk_story")
def story(
    request: Request,
    story_id: str,
    store: StoreDep,
    settings: SettingsDep,
    lang: str | None = None,
) -> HTMLResponse:
    return _page(request, "story.html", lambda: story_page(store, settings, story_id, lang))


def _parallel(
    request: Request, store: Store, settings: Settings, a: str, b: str, story_id: str | None
) -> HTMLResponse:
    def build() -> dict[str, object]:
        if not a:
            raise ConfigError("NL260", request.url.path)
        return parallel_page(store, settings, a, b or None, story_id)

    return _page(request, "parallel.html", build)


@router.get("/stories/{story_id}/parallel", response_class=HTMLResponse, name="desk_story_parallel")
def story_parallel(
    request: Request,
    story_id: str,
    store: StoreDep,
    settings: SettingsDep,
    a: str = "",
    b: str = "",
) -> HTMLResponse:
    """Two texts side by side, reached from a story (the way back leads to it)."""
    return _parallel(request, store, settings, a, b, story_id)


@router.get("/parallel", response_class=HTMLResponse, name="desk_parallel")
def parallel(
    request: Request, store: StoreDep, settings: SettingsDep, a: str = "", b: str = ""
) -> HTMLResponse:
    """Two texts side by side, reached from a document."""
    return _parallel(request, store, settings, a, b, None)


@router.get("/search", response_class=HTMLResponse, name="desk_search")
def search(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    q: str = "",
    lang: str = "",
    since: str = "",
    until: str = "",
    offset: int = 0,
) -> HTMLResponse:
    """Search every language at once; the query is kept in the form for refining."""
    return _page(
        request,
        "search.html",
        lambda: {"query": q, **search_page(store, settings, q, lang, since, until, offset)},
    )


@router.get("/documents/{doc_id}", response_class=HTMLResponse, name="desk_document")
def document(request: Request, doc_id: str, store: StoreDep) -> HTMLResponse:
    return _page(request, "document.html", lambda: document_page(store, doc_id))
