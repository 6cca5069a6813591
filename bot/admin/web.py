"""What every back-office page shares: who is signed in, CSRF checks, the language, rendering.

`admin_page` wraps a handler `(request, admin) -> Response`: it answers 404 with a hint when the
back office is off (no ADMIN_TOKEN and no admin user), sends a visitor without a valid session
to the sign-in page (an htmx request gets `HX-Redirect`), refuses a change (any method but GET
and HEAD) without the session's CSRF token with 403, and gives the handler an `Admin`.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import jinja2
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from bot.admin.auth import (
    COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    SignedIn,
    cookie_key,
    csrf_matches,
    find_session,
    unsign,
)
from bot.admin.i18n import LANGUAGES, translate
from bot.admin.users import has_admin_users
from bot.clock import format_local, utcnow
from bot.db.engine import transaction
from bot.phones import mask_phone
from state.messages import amount, unit_name

if TYPE_CHECKING:
    from bot.app import AppContext

T = TypeVar("T")
Handler = Callable[[Request, "Admin"], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]

LANGUAGE_COOKIE = "stockbot_lang"
SAFE_METHODS = frozenset({"GET", "HEAD"})
# A form field may carry a whole catalogue (the import's preview, base64): larger than
# Starlette's 1 MB default.
FORM_PART_MAX = 12 * 1024 * 1024
TEMPLATES = Path(__file__).parent / "templates"

_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=jinja2.select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters["local"] = lambda moment: format_local(moment) if moment else ""
_ENV.filters["masked"] = mask_phone
_ENV.filters["q"] = lambda value: quote(str(value), safe="")
# A product's quantity and unit in the visitor's language (`unit_en` in English).
_ENV.filters["amount"] = lambda quantity, product, language: amount(
    language, quantity, product.unit, product.unit_en
)
_ENV.filters["unit"] = lambda product, language: unit_name(language, product.unit, product.unit_en)


def set_navigation(entries: list[tuple[str, str]]) -> None:
    _ENV.globals["NAV"] = entries


@dataclass(frozen=True, slots=True)
class Admin:
    """The signed-in visitor of a page."""

    name: str
    csrf: str
    language: str
    ctx: AppContext

    def t(self, key: str, **values: Any) -> str:
        return translate(self.language, key, **values)

    async def db(self, work: Callable[[Session], T]) -> T:
        """Run `work(session)` in a thread, in one transaction (committed when it returns)."""
        engine = self.ctx.engine

        def run() -> T:
            with transaction(engine) as session:
                return work(session)

        return await run_in_threadpool(run)


def language_of(request: Request, default: str) -> str:
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    return chosen if chosen in LANGUAGES else default


def render(
    request: Request,
    template: str,
    *,
    language: str,
    admin: Admin | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **values: Any,
) -> HTMLResponse:
    page = _ENV.get_template(template)
    values.setdefault("active", "")
    html = page.render(
        request=request,
        admin=admin,
        lang=language,
        t=functools.partial(translate, language),
        csrf=admin.csrf if admin else "",
        path=request.url.path,
        **values,
    )
    return HTMLResponse(html, status_code=status, headers=headers)


async def signing_key(ctx: AppContext) -> bytes:
    if ctx.admin_cookie_key is None:
        ctx.admin_cookie_key = await run_in_threadpool(cookie_key, ctx.engine)
    return ctx.admin_cookie_key


def back_office_enabled(ctx: AppContext, session: Session) -> bool:
    return bool(ctx.settings.secret("admin_token")) or has_admin_users(session)


async def _visit(request: Request, ctx: AppContext) -> tuple[bool, SignedIn | None]:
    token = unsign(await signing_key(ctx), request.cookies.get(COOKIE))

    def look(session: Session) -> tuple[bool, SignedIn | None]:
        if not back_office_enabled(ctx, session):
            return False, None
        return True, find_session(session, token, now=utcnow()) if token else None

    def run() -> tuple[bool, SignedIn | None]:
        with transaction(ctx.engine) as session:
            return look(session)

    return await run_in_threadpool(run)


def off_page(request: Request, language: str) -> HTMLResponse:
    return render(request, "off.html", language=language, status=404)


def to_sign_in(request: Request) -> Response:
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    location = f"/admin/login?next={quote(target, safe='')}"
    if request.headers.get("HX-Request"):
        return Response(status_code=401, headers={"HX-Redirect": location})
    return RedirectResponse(location, status_code=303)


def safe_next(raw: str | None) -> str:
    """Where to go after signing in: a back-office path only (never another site)."""
    if raw and raw.startswith("/admin") and not raw.startswith("//") and "\\" not in raw:
        return raw
    return "/admin"


def admin_page(handler: Handler) -> Endpoint:
    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        ctx: AppContext = request.app.state.ctx
        language = language_of(request, ctx.settings.default_language)
        enabled, signed = await _visit(request, ctx)
        if not enabled:
            return off_page(request, language)
        if signed is None:
            return to_sign_in(request)
        admin = Admin(signed.admin, signed.csrf, language, ctx)
        if request.method not in SAFE_METHODS:
            given = request.headers.get(CSRF_HEADER)
            if given is None:
                form = await request.form(max_part_size=FORM_PART_MAX)
                field = form.get(CSRF_FIELD)
                given = field if isinstance(field, str) else None
            if not csrf_matches(signed.csrf, given):
                return render(
                    request,
                    "message.html",
                    language=language,
                    admin=admin,
                    status=403,
                    title=admin.t("error", reason="CSRF"),
                    text=admin.t("csrf_refused"),
                )
        return await handler(request, admin)

    return endpoint


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"
