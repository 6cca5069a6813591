"""The command line in one language end to end: French by default, English when the locale says
so (`LANG=en_US.UTF-8`, `LC_ALL=en`...), typer's own words included.

Our help texts are written in French in the commands; `bot.cli.help_en` holds their English,
keyed by command path and option (a test checks that every one is there). Typer's words (the
help page's panels, "Usage:", the `--help` option, usage errors) are translated here: its
panel titles are module constants, its errors are translated when shown.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from typing import Any

import typer.rich_utils as rich_utils
from typer import _click
from typer._click import decorators, formatting

from bot.settings_messages import PYDANTIC_FRENCH

__all__ = ["cli_language", "localize", "walk"]


def cli_language(environ: dict[str, str] | None = None) -> str:
    """`en` when the locale (LC_ALL, LC_MESSAGES, LANG, LANGUAGE) is English, else `fr`."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(name, "").strip()
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return "en" if value.lower().startswith("en") else "fr"
    return "fr"


_TYPER_FR = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commandes",
    "ERRORS_PANEL_TITLE": "Erreur",
    "ABORTED_TEXT": "Interrompu.",
    "RICH_HELP": "Essayez [blue]'{command_path} {help_option}'[/] pour l'aide.",
    "DEFAULT_STRING": "[défaut : {}]",
    "ENVVAR_STRING": "[variable : {}]",
    "REQUIRED_LONG_STRING": "[obligatoire]",
    "DEPRECATED_STRING": "(obsolète) ",
}
_USAGE = {"fr": "Utilisation : ", "en": "Usage: "}
_HELP_OPTION = {"fr": "Affiche cette aide et quitte.", "en": "Show this message and exit."}

# Typer's error messages, in French: (pattern, replacement).
_ERRORS_FR: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.DOTALL), r)
    for p, r in [
        (r"^Missing argument '(.+?)'\.(.*)$", r"Argument manquant : \1.\2"),
        (r"^Missing option '(.+?)'\.(.*)$", r"Option manquante : \1.\2"),
        (r"^Missing parameter: (.+)$", r"Paramètre manquant : \1"),
        (r"^No such option: (\S+)(.*)$", r"Option inconnue : \1\2"),
        (r"^No such command '(.+?)'\.(.*)$", r"Commande inconnue : \1.\2"),
        (r"Did you mean (.+?)\?", r"Vouliez-vous dire \1 ?"),
        (r"\(Possible options: (.+)\)", r"(options possibles : \1)"),
        (r"^Got unexpected extra argument(?:s|\(s\))? \((.+)\)$", r"Argument(s) en trop : \1"),
        (r"^Option '(.+?)' requires an argument\.$", r"L'option \1 demande une valeur."),
        (r"^Option '(.+?)' requires (\d+) arguments\.$", r"L'option \1 demande \2 valeurs."),
        (r"^Invalid value for (.+?): (.*)$", r"Valeur invalide pour \1 : \2"),
        (r"^Invalid value: (.*)$", r"Valeur invalide : \1"),
        *PYDANTIC_FRENCH,
        (r"Value (.+?) is not a valid integer\.", r"\1 n'est pas un nombre entier."),
        (r"Value (.+?) is not a valid float\.", r"\1 n'est pas un nombre."),
        (r"Value (.+?) is not a valid boolean\.", r"\1 n'est pas oui/non (true/false)."),
        (r"Value (.+?) is not a valid (\w+)\.", r"\1 n'est pas une valeur valide (\2)."),
        (r"(.+?) is not one of (.+)\.", r"\1 n'est pas parmi \2."),
        (r"(.+?) is not in the range (.+)\.", r"\1 n'est pas dans l'intervalle \2."),
        (r"(?:File|Path|Directory) (.+?) does not exist\.", r"\1 n'existe pas."),
        (r"(?:File|Path) (.+?) is a directory\.", r"\1 est un dossier."),
    ]
]


# Pydantic's word for a validator's ValueError, which typer shows before the reason.
_VALUE_ERROR = re.compile(r"\bValue error, ")


def translate_error(message: str, language: str = "fr") -> str:
    """A usage error as shown: without pydantic's prefix, in French unless `en`."""
    message = _VALUE_ERROR.sub("", message)
    if language == "en":
        return message
    for pattern, replacement in _ERRORS_FR:
        message = pattern.sub(replacement, message)
    return message


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every command of the tree with its path (`("import", "products")`)."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


def param_key(param: Any) -> str:
    """How `bot.cli.help_en` names a parameter: its longest option, or its name."""
    opts = [o for o in getattr(param, "opts", []) if o.startswith("-")]
    return max(opts, key=len) if opts else str(param.name)


_installed: list[str] = []


def _install(language: str) -> None:
    """Typer's words in `language` (once per process: they are module-wide)."""
    if _installed == [language]:
        return
    _installed[:] = [language]
    if not hasattr(rich_utils, "_stockbot_english"):
        rich_utils._stockbot_english = {  # type: ignore[attr-defined]
            name: getattr(rich_utils, name) for name in _TYPER_FR
        }
    english: dict[str, str] = rich_utils._stockbot_english  # type: ignore[attr-defined]
    for name, french in _TYPER_FR.items():
        setattr(rich_utils, name, french if language == "fr" else english[name])
    _patch_usage(language)
    _patch_help_option(language)
    _patch_errors(language)


def _patch_usage(language: str) -> None:
    original = getattr(formatting.HelpFormatter, "_stockbot_write_usage", None)
    if original is None:
        original = formatting.HelpFormatter.write_usage
        formatting.HelpFormatter._stockbot_write_usage = original  # type: ignore[attr-defined]

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if language == "fr":
            args = args.replace("COMMAND [ARGS]", "COMMANDE [ARGS]")
        original(self, prog, args, _USAGE[language] if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage  # type: ignore[method-assign]
    rich_utils._stockbot_usage = _USAGE[language]  # type: ignore[attr-defined]


def _patch_help_option(language: str) -> None:
    original: Callable[..., Any] = getattr(decorators, "_stockbot_help_option", None) or (
        decorators.help_option
    )
    decorators._stockbot_help_option = original  # type: ignore[attr-defined]

    def help_option(param_decls: list[str]) -> Callable[[Any], Any]:
        decorate = original(param_decls)

        def apply(command: Any) -> Any:
            command = decorate(command)
            command.params[-1].help = _HELP_OPTION[language]
            return command

        return apply

    decorators.help_option = help_option


def _patch_errors(language: str) -> None:
    original = getattr(rich_utils, "_stockbot_format_error", None) or rich_utils.rich_format_error
    rich_utils._stockbot_format_error = original  # type: ignore[attr-defined]

    def rich_format_error(self: _click.ClickException) -> None:
        message = self.format_message()
        shown = translate_error(message, language)
        self.format_message = lambda: shown  # type: ignore[method-assign]
        original(self)

    rich_utils.rich_format_error = rich_format_error


def localize(command: Any, language: str) -> Any:
    """`command` (the click tree of the typer app) with its help texts and typer's own words
    in `language` (French as written, or English from `bot.cli.help_en`)."""
    _install(language)
    if language == "en":
        from bot.cli.help_en import HELP_EN

        for path, current in walk(command):
            key = " ".join(path)
            if key in HELP_EN:
                current.help = HELP_EN[key]
                current.short_help = None
            for param in current.params:
                text = HELP_EN.get(f"{key} {param_key(param)}".strip())
                if text is not None:
                    param.help = text
    return command
