"""`stockbot templates list|push`: the account's templates from the Graph API into the
`whatsapp_template` table (which the template webhooks also update), and the creation of the
templates stockbot needs that the account lacks.

Pushing is idempotent: a template already there in a language (whatever its status) is left
alone and reported with its status; only missing ones are created. Meta answers a creation with
the template's first status (usually PENDING, sometimes APPROVED at once, or REJECTED with a
reason that the list shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.db.models import WhatsAppTemplate
from bot.operations.template_catalog import LANGUAGES, TemplateDefinition
from bot.operations.templates import language_code, save_template
from bot.transports.graph_api import GraphAPI, GraphError

LIST_FIELDS = "name,language,status,category,quality_score,rejected_reason,id"


@dataclass(frozen=True, slots=True)
class MetaTemplate:
    """A template as the Graph API lists it."""

    name: str
    language: str
    status: str
    category: str
    quality: str
    reason: str
    meta_id: str

    @classmethod
    def of(cls, item: dict[str, Any]) -> MetaTemplate:
        quality = item.get("quality_score")
        reason = str(item.get("rejected_reason") or "")
        return cls(
            name=str(item.get("name", "")),
            language=language_code(str(item.get("language", ""))),
            status=str(item.get("status", "")).upper(),
            category=str(item.get("category", "")).upper(),
            quality=str(quality.get("score", "")).upper() if isinstance(quality, dict) else "",
            reason="" if reason.upper() == "NONE" else reason,
            meta_id=str(item.get("id", "")),
        )


def fetch_templates(graph: GraphAPI, account_id: str) -> list[MetaTemplate]:
    items = graph.pages(f"{account_id}/message_templates", fields=LIST_FIELDS, limit="100")
    return [MetaTemplate.of(item) for item in items if item.get("name")]


def refresh_templates(
    session: Session, graph: GraphAPI, account_id: str, *, now: datetime
) -> list[WhatsAppTemplate]:
    """Read every template of the account from Meta into the table; returns the rows."""
    rows = []
    for template in fetch_templates(graph, account_id):
        row, _ = save_template(
            session,
            template.name,
            template.language,
            now=now,
            status=template.status,
            category=template.category,
            quality=template.quality,
            reason=template.reason,
            meta_id=template.meta_id,
        )
        rows.append(row)
    session.flush()
    return rows


@dataclass(frozen=True, slots=True)
class PushResult:
    name: str
    language: str
    action: str  # "present" (left alone), "created", or "failed"
    status: str = ""
    reason: str = ""


def push_templates(
    session: Session,
    graph: GraphAPI,
    account_id: str,
    wanted: list[TemplateDefinition],
    *,
    now: datetime,
    languages: tuple[str, ...] = LANGUAGES,
) -> list[PushResult]:
    """Create the templates of `wanted` (in `languages`) the account does not have yet."""
    present = {(t.name, t.language): t for t in fetch_templates(graph, account_id)}
    results = []
    for definition in wanted:
        for language in languages:
            if language not in definition.texts:
                continue
            known = present.get((definition.name, language_code(language)))
            if known is not None:
                save_template(
                    session,
                    known.name,
                    known.language,
                    now=now,
                    status=known.status,
                    category=known.category,
                    quality=known.quality,
                    reason=known.reason,
                    meta_id=known.meta_id,
                )
                results.append(
                    PushResult(definition.name, language, "present", known.status, known.reason)
                )
                continue
            results.append(_create(session, graph, account_id, definition, language, now))
    if any(r.action == "created" and r.status == "REJECTED" and not r.reason for r in results):
        # Meta's creation answer has no reason: the list has it.
        reasons = {(t.name, t.language): t.reason for t in fetch_templates(graph, account_id)}
        results = [
            PushResult(
                r.name, r.language, r.action, r.status, reasons.get((r.name, r.language), "")
            )
            if r.action == "created" and r.status == "REJECTED" and not r.reason
            else r
            for r in results
        ]
        for r in results:
            if r.reason:
                save_template(session, r.name, r.language, now=now, reason=r.reason)
    session.flush()
    return results


def _create(
    session: Session,
    graph: GraphAPI,
    account_id: str,
    definition: TemplateDefinition,
    language: str,
    now: datetime,
) -> PushResult:
    try:
        answer = graph.post(f"{account_id}/message_templates", definition.request(language))
    except GraphError as exc:
        return PushResult(definition.name, language, "failed", reason=exc.message)
    status = str(answer.get("status", "PENDING")).upper()
    reason = str(answer.get("rejected_reason") or "")
    reason = "" if reason.upper() == "NONE" else reason
    save_template(
        session,
        definition.name,
        language,
        now=now,
        status=status,
        category=str(answer.get("category") or definition.category),
        reason=reason,
        meta_id=str(answer.get("id", "")),
    )
    return PushResult(definition.name, language, "created", status, reason)
