"""The few messages the inbound processor sends by itself (not the conversation layer's)."""

from __future__ import annotations

from bot.outbound.messages import Text

# To a number that is not a registered, active manager: at most once a day, never stock data.
REFUSAL = Text(
    "Bonjour ! Ce numéro n'est pas encore autorisé à utiliser l'assistant de stock. "
    "Pour y accéder, demandez l'accès au responsable de votre boutique."
)

_APOLOGY = {
    "fr": "Désolé, je n'ai pas pu traiter votre message. Réessayez dans un instant ou tapez AIDE.",
    "en": "Sorry, I could not process your message. Please try again shortly or type HELP.",
}


def apology(language: str) -> Text:
    """To a manager whose message failed every processing attempt."""
    return Text(_APOLOGY.get(language, _APOLOGY["fr"]))
