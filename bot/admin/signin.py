"""Signing in and out, the language switch, and `/` → `/admin`.

Sign-in takes the admin token (name left empty) or a named user's password. Every failure
waits FAILED_DELAY before answering and counts against the client address (`bot.throttle`):
past a few, the address gets 429 with `Retry-After` for a growing time. The sign-in form has
its own CSRF token (a double-submit cookie), since there is no session yet.
"""

from __future__ import annotations

import asyncio
import hmac
import secrets
from typing import TYPE_CHECKING

from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.admin.audit import record_action
from bot.admin.auth import (
    COOKIE,
    CSRF_FIELD,
    close_session,
    csrf_matches,
    open_session,
    sign,
    unsign,
)
from bot.admin.i18n import LANGUAGES, translate
from bot.admin.users import TOKEN_USER, verify_admin
from bot.admin.web import (
    LANGUAGE_COOKIE,
    Admin,
    admin_page,
    back_office_enabled,
    language_of,
    off_page,
    render,
    safe_next,
    signing_key,
)
from bot.api.auth import client_address
from bot.clock import utcnow
from bot.db.engine import transaction

if TYPE_CHECKING:
    from bot.app import AppContext

FAILED_DELAY = 0.5  # seconds every failed sign-in waits before its answer
LOGIN_CSRF_COOKIE = "stockbot_login"
ADMIN_PATH = "/admin"


async def root(request: Request) -> Response:
    return RedirectResponse(ADMIN_PATH, status_code=307)


def _enabled(ctx: AppContext) -> bool:
    with transaction(ctx.engine) as session:
        return back_office_enabled(ctx, session)


def _login_form(
    request: Request, language: str, *, error: str = "", status: int = 200, retry: int = 0
) -> Response:
    token = secrets.token_urlsafe(24)
    headers = {"Retry-After": str(retry)} if retry else None
    response = render(
        request,
        "login.html",
        language=language,
        status=status,
        headers=headers,
        login_csrf=token,
        error=error,
        next=safe_next(request.query_params.get("next")),
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path=f"{ADMIN_PATH}/login",
    )
    return response


async def login_page(request: Request) -> Response:
    ctx: AppContext = request.app.state.ctx
    language = language_of(request, ctx.settings.default_language)
    if not await run_in_threadpool(_enabled, ctx):
        return off_page(request, language)
    return _login_form(request, language)


async def login(request: Request) -> Response:
    ctx: AppContext = request.app.state.ctx
    settings = ctx.settings
    language = language_of(request, settings.default_language)
    if not await run_in_threadpool(_enabled, ctx):
        return off_page(request, language)
    address = client_address(request.scope)
    wait = await ctx.auth_limiter.retry_after(address)
    if wait:
        return _login_form(
            request,
            language,
            error=translate(language, "too_many", seconds=wait),
            status=429,
            retry=wait,
        )
    form = await request.form()
    given_csrf = form.get(CSRF_FIELD)
    if not csrf_matches(
        request.cookies.get(LOGIN_CSRF_COOKIE, ""),
        given_csrf if isinstance(given_csrf, str) else None,
    ):
        return _login_form(request, language, error=translate(language, "csrf_refused"), status=403)
    name = str(form.get("name", "") or "").strip()
    secret = str(form.get("password", "") or "")
    hours = settings.admin_session_hours

    def attempt(session: Session) -> tuple[str, str, str] | None:
        now = utcnow()
        if not name:
            token = settings.secret("admin_token")
            if not token or not hmac.compare_digest(secret.encode(), token.encode()):
                return None
            who = TOKEN_USER
        else:
            user = verify_admin(session, name, secret, now=now)
            if user is None:
                return None
            who = user.name
        signed = open_session(session, who, hours=hours, now=now)
        record_action(session, who, "sign_in", address, now=now)
        return who, signed.token, signed.csrf

    def run() -> tuple[str, str, str] | None:
        with transaction(ctx.engine) as session:
            return attempt(session)

    result = await run_in_threadpool(run)
    if result is None:
        await ctx.auth_limiter.failed(address)
        await asyncio.sleep(FAILED_DELAY)
        return _login_form(
            request, language, error=translate(language, "sign_in_failed"), status=401
        )
    await ctx.auth_limiter.succeeded(address)
    _, token, _ = result
    next_path = safe_next(str(form.get("next", "") or ""))
    response = RedirectResponse(next_path, status_code=303)
    response.set_cookie(
        COOKIE,
        sign(await signing_key(ctx), token),
        max_age=int(hours * 3600),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path=ADMIN_PATH,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path=f"{ADMIN_PATH}/login")
    return response


@admin_page
async def logout(request: Request, admin: Admin) -> Response:
    token = unsign(await signing_key(admin.ctx), request.cookies.get(COOKIE))

    def end(session: Session) -> None:
        if token:
            close_session(session, token)
        record_action(session, admin.name, "sign_out", now=utcnow())

    await admin.db(end)
    response = RedirectResponse(f"{ADMIN_PATH}/login", status_code=303)
    response.delete_cookie(COOKIE, path=ADMIN_PATH)
    return response


async def language(request: Request) -> Response:
    """`/admin/language?set=en&next=/admin/stock`: remember the language, go back."""
    chosen = request.query_params.get("set", "")
    response = RedirectResponse(safe_next(request.query_params.get("next")), status_code=303)
    if chosen in LANGUAGES:
        response.set_cookie(
            LANGUAGE_COOKIE, chosen, max_age=365 * 24 * 3600, samesite="lax", path=ADMIN_PATH
        )
    return response
