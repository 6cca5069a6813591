"""Configuration errors in the owner's language: the settings' checks speak English (logs, the
server's start-up); the command line and `stockbot doctor` show them in French by default."""

from __future__ import annotations

import re

__all__ = ["PYDANTIC_FRENCH", "configuration_message"]

_PREFIX = "invalid configuration: "

# Pydantic's own messages (a setting's bounds, a command-line option's type), in French: each
# ends its line or its part of a `; `-joined list. Shared with the command line's translations.
PYDANTIC_FRENCH: list[tuple[str, str]] = [
    (r"Input should be a valid integer[^;]*(?=;|$)", r"un nombre entier est attendu"),
    (r"Input should be a valid number[^;]*(?=;|$)", r"un nombre est attendu"),
    (r"Input should be a finite number(?=;|$)", r"un nombre fini est attendu"),
    (r"Input should be a valid boolean[^;]*(?=;|$)", r"oui ou non (true/false) est attendu"),
    (r"Input should be greater than or equal to ([^;\s]+)(?=;|$)", r"au moins \1 est attendu"),
    (r"Input should be less than or equal to ([^;\s]+)(?=;|$)", r"au plus \1 est attendu"),
    (r"Input should be greater than ([^;\s]+)(?=;|$)", r"plus de \1 est attendu"),
    (r"Input should be less than ([^;\s]+)(?=;|$)", r"moins de \1 est attendu"),
    (r"Input should be ([^;]+)(?=;|$)", r"valeurs possibles : \1"),
]

# (English pattern, French replacement), one per check of bot.settings.
_FRENCH: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (
            r"unsupported database (.+?) \(sqlite or postgresql\)",
            r"base de données non prise en charge : \1 (sqlite ou postgresql)",
        ),
        (r"malformed database URL \((.*)\)", r"adresse de base de données mal formée (\1)"),
        (
            r"(\d+) characters, at least (\d+) are needed "
            r"\(`stockbot token` prints a new random one\)",
            r"\1 caractères, il en faut au moins \2 (`stockbot token` en donne un nouveau)",
        ),
        (r"unknown region (.+)", r"région inconnue : \1"),
        (
            r"expected 'off' or a local time HH:MM such as 08:00",
            r"attendu : 'off' ou une heure locale HH:MM, par exemple 08:00",
        ),
        (
            r"expected an http:// or https:// URL, got (.+)",
            r"adresse http:// ou https:// attendue, reçu \1",
        ),
        (r"expected one of (.+)", r"valeurs possibles : \1"),
        (r"WHATSAPP_PROVIDER=(\S+) needs (.+)", r"WHATSAPP_PROVIDER=\1 demande aussi \2"),
        *PYDANTIC_FRENCH,
    ]
]


def configuration_message(message: str, language: str) -> str:
    """`message` of a ConfigurationError without its generic prefix, in French unless `en`."""
    text = message.removeprefix(_PREFIX)
    if language == "en":
        return text
    for pattern, replacement in _FRENCH:
        text = pattern.sub(replacement, text)
    return text
