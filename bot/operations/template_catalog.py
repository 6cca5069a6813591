"""The message templates stockbot needs, as Meta's template creation API takes them.

Pure data: `stockbot templates push` creates the ones an account lacks (`bot.operations.
template_sync`); `stockbot doctor` checks that the alert template is approved in each language
managers use. The bodies take the parameters the bot sends: the alert (and the digest sent
outside the 24-hour window) `{{1}}` the number of products and `{{2}}` their list on one line,
with the two restock quick replies whose payloads are the alert's button ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.settings import Settings

UTILITY = "UTILITY"
LANGUAGES = ("fr", "en")


@dataclass(frozen=True, slots=True)
class TemplateText:
    body: str
    example: tuple[str, ...]  # one value per {{n}}, as Meta's review reads them
    buttons: tuple[str, ...] = ()  # quick replies
    footer: str = ""


@dataclass(frozen=True, slots=True)
class TemplateDefinition:
    name: str
    category: str
    texts: dict[str, TemplateText] = field(default_factory=dict)  # by language

    def request(self, language: str) -> dict[str, Any]:
        """The body of `POST /{WABA id}/message_templates` for one language."""
        text = self.texts[language]
        components: list[dict[str, Any]] = [
            {"type": "BODY", "text": text.body, "example": {"body_text": [list(text.example)]}}
        ]
        if text.footer:
            components.append({"type": "FOOTER", "text": text.footer})
        if text.buttons:
            buttons = [{"type": "QUICK_REPLY", "text": title} for title in text.buttons]
            components.append({"type": "BUTTONS", "buttons": buttons})
        return {
            "name": self.name,
            "language": language,
            "category": self.category,
            "components": components,
        }


def alert_template(name: str) -> TemplateDefinition:
    return TemplateDefinition(
        name=name,
        category=UTILITY,
        texts={
            "fr": TemplateText(
                body="⚠️ Stock à surveiller : {{1}} produit(s).\n{{2}}\n"
                "Voulez-vous passer commande ?",
                example=("1", "Riz brisé 50kg : 9 sacs (seuil 10, stock bas)"),
                buttons=("Commander", "Plus tard"),
                footer="Répondez STOCK pour le détail",
            ),
            "en": TemplateText(
                body="⚠️ Stock to watch: {{1}} product(s).\n{{2}}\nDo you want to reorder?",
                example=("1", "Broken rice 50kg: 9 bags (threshold 10, low)"),
                buttons=("Reorder", "Later"),
                footer="Reply STOCK for details",
            ),
        },
    )


DIGEST = TemplateDefinition(
    name="resume_stock_quotidien",
    category=UTILITY,
    texts={
        "fr": TemplateText(
            body="📋 Votre résumé du jour : {{1}} produit(s) sous le seuil.\n{{2}}\n"
            "Écrivez-nous pour commander ou pour le détail.",
            example=("2", "Riz brisé 50kg (9), Lait en poudre 400g (0)"),
        ),
        "en": TemplateText(
            body="📋 Your daily summary: {{1}} product(s) below threshold.\n{{2}}\n"
            "Write to us to reorder or for details.",
            example=("2", "Broken rice 50kg (9), Milk powder 400g (0)"),
        ),
    },
)

ORDER_CONFIRMATION = TemplateDefinition(
    name="confirmation_commande",
    category=UTILITY,
    texts={
        "fr": TemplateText(
            body="✅ Commande n°{{1}} confirmée : {{2}}.\nRépondez à ce message pour la modifier.",
            example=("12", "20 sacs de Riz brisé 50kg"),
        ),
        "en": TemplateText(
            body="✅ Order no. {{1}} confirmed: {{2}}.\nReply to this message to change it.",
            example=("12", "20 bags of Broken rice 50kg"),
        ),
    },
)


def definitions(settings: Settings) -> list[TemplateDefinition]:
    """Every template stockbot uses, the alert one under its configured name."""
    return [alert_template(settings.alert_template_name), DIGEST, ORDER_CONFIRMATION]
