"""Import a catalogue (CSV or .xlsx) from the browser: a preview of what would change (the
import's own dry run), then apply. The same reading and rules as `stockbot import products`
and `POST /api/products/import` (`bot.catalog_file`, `bot.products_import`); movements it makes
carry `admin:<name>`.

The preview keeps the file in the page (base64), so applying needs no storage on the server;
files up to FILE_MAX bytes.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from bot.admin.audit import record_action
from bot.admin.web import FORM_PART_MAX, Admin, admin_page, render
from bot.catalog_file import CatalogFile, read_catalog
from bot.clock import utcnow
from bot.db.models import Store, admin_source
from bot.errors import NotFound, ValidationError
from bot.import_messages import import_problems, import_reason
from bot.products_import import ImportPlan, ImportResult, import_catalog

FILE_MAX = 8 * 1024 * 1024
SHOWN = 50  # products listed per kind of change in the preview


@dataclass(frozen=True, slots=True)
class Outcome:
    plan: ImportPlan
    result: ImportResult | None
    catalog: CatalogFile


def _stores(session: Session) -> list[Store]:
    return list(session.exec(select(Store).order_by(col(Store.code))))


def _page(request: Request, admin: Admin, *, status: int = 200, **values: Any) -> Response:
    values.setdefault("error", "")
    values.setdefault("problems", [])
    values.setdefault("outcome", None)
    values.setdefault("store", request.query_params.get("store", ""))
    values.setdefault("set_stock", False)
    return render(
        request,
        "import.html",
        language=admin.language,
        admin=admin,
        active="import",
        status=status,
        shown=SHOWN,
        **values,
    )


@admin_page
async def import_page(request: Request, admin: Admin) -> Response:
    stores = await admin.db(_stores)
    return _page(request, admin, stores=stores)


async def _run(
    admin: Admin, data: bytes, filename: str, code: str, *, set_stock: bool, apply: bool
) -> Outcome:
    catalog = await run_in_threadpool(read_catalog, data, filename)
    settings = admin.ctx.settings

    def work(session: Session) -> Outcome:
        now = utcnow()
        plan, result = import_catalog(
            session,
            code,
            catalog,
            settings=settings,
            set_stock=set_stock,
            dry_run=not apply,
            source=admin_source(admin.name),
            now=now,
        )
        if result is not None:
            record_action(
                session,
                admin.name,
                "import",
                code,
                now=now,
                file=filename[:100],
                created=result.created,
                updated=result.updated,
                adjusted=result.adjusted,
            )
        return Outcome(plan, result, catalog)

    return await admin.db(work)


@admin_page
async def preview(request: Request, admin: Admin) -> Response:
    form = await request.form(max_part_size=FORM_PART_MAX)
    stores = await admin.db(_stores)
    code = str(form.get("store", ""))
    set_stock = form.get("set_stock") == "on"
    upload = form.get("file")
    apply = form.get("apply") == "1"
    if isinstance(upload, UploadFile):
        data = await upload.read(FILE_MAX + 1)
        filename = upload.filename or ""
        await upload.close()
    else:  # applying what the preview showed: the file came back in the page
        filename = str(form.get("filename", ""))[:200]
        try:
            data = base64.b64decode(str(form.get("content", "")), validate=True)
        except (binascii.Error, ValueError):
            data = b""
    common: dict[str, Any] = {"stores": stores, "store": code, "set_stock": set_stock}
    if not data:
        return _page(request, admin, status=422, error=admin.t("import_no_file"), **common)
    if len(data) > FILE_MAX:
        limit = FILE_MAX // (1024 * 1024)
        return _page(
            request, admin, status=413, error=admin.t("import_too_big", mb=limit), **common
        )
    try:
        outcome = await _run(admin, data, filename, code, set_stock=set_stock, apply=apply)
    except ValidationError as exc:  # an unreadable file, or ImportFailed with every problem
        problems = import_problems(exc, admin.language)
        return _page(
            request, admin, status=422, error=admin.t("import_refused"), problems=problems, **common
        )
    except NotFound as exc:
        error = import_reason(str(exc), admin.language)
        return _page(request, admin, status=422, error=error, **common)
    if apply:
        admin.ctx.wake_outbox.set()
    return _page(
        request,
        admin,
        outcome=outcome,
        filename=filename,
        content=base64.b64encode(data).decode() if not apply else "",
        **common,
    )
