"""The few messages the inbound processor sends by itself (not the conversation layer's)."""

from __future__ import annotations

from bot.outbound.messages import Text
from intents import IntentMatcher
from state.examples import example_words

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


_NUMBER_CHANGED = {
    "fr": "✅ Votre nouveau numéro {phone} est enregistré : vos magasins et nos échanges "
    "continuent ici.",
    "en": "✅ Your new number {phone} is registered: your stores and our conversation carry on "
    "here.",
}


def number_changed(language: str, phone: str) -> Text:
    """To a manager who changed their WhatsApp number, on the new one."""
    return Text(_NUMBER_CHANGED.get(language, _NUMBER_CHANGED["fr"]).format(phone=readable(phone)))


def readable(phone: str) -> str:
    """`+221771234567` as written in Senegal: `+221 77 123 45 67` (others unchanged)."""
    digits = phone.removeprefix("+221")
    if phone.startswith("+221") and len(digits) == 9:
        return f"+221 {digits[:2]} {digits[2:5]} {digits[5:7]} {digits[7:]}"
    return phone


# What the bot cannot read yet, by media kind (`MediaKind` values), and the example to type (a
# word of the store's own catalogue, as the help and the greeting show).
_CANNOT_READ = {
    "fr": {
        "audio": "les messages vocaux",
        "image": "les photos",
        "video": "les vidéos",
        "document": "les documents",
        "sticker": "les autocollants",
    },
    "en": {
        "audio": "voice messages",
        "image": "photos",
        "video": "videos",
        "document": "documents",
        "sticker": "stickers",
    },
}
_MEDIA_NOTICE = {
    "fr": "Je ne lis pas encore {what}. Écrivez par exemple : STOCK {example}",
    "en": "I cannot read {what} yet. Type for example: STOCK {example}",
}
_ANY_MEDIA = {"fr": "ce type de message", "en": "this kind of message"}


def media_notice(language: str, kind: str, matcher: IntentMatcher | None) -> Text:
    """To a manager who sent a voice note, a photo… without text: what the bot reads instead,
    with a product of their store's catalogue (`matcher`'s) as the example."""
    lang = language if language in _MEDIA_NOTICE else "fr"
    what = _CANNOT_READ[lang].get(kind, _ANY_MEDIA[lang])
    example = example_words(lang, matcher)["example"]
    return Text(_MEDIA_NOTICE[lang].format(what=what, example=example))
