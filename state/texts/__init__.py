"""The message catalogues, one per language a manager may read: French (the default), English
and Wolof."""

from state.texts import en, fr, wo

CATALOGUES: dict[str, dict[str, str]] = {"fr": fr.TEXTS, "en": en.TEXTS, "wo": wo.TEXTS}
LANGUAGES = tuple(CATALOGUES)
