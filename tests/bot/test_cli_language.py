"""The command line speaks one language end to end: French by default, English with LANG=en,
typer's own words included; usage errors without tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
import typer

from bot.cli import app, main
from bot.cli.help_en import HELP_EN
from bot.cli.i18n import _install, cli_language, param_key, translate_error, walk


@pytest.fixture(autouse=True)
def _typer_back_to_english() -> Iterator[None]:
    yield
    _install("en")  # typer's own defaults, for the tests that run after


def _run(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], lang: str
) -> tuple[int, str]:
    monkeypatch.setenv("LANG", lang)
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "argv", ["stockbot", *args])
    monkeypatch.setenv("COLUMNS", "100")
    with pytest.raises(SystemExit) as exit_info:
        main()
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out + captured.err


@pytest.mark.parametrize(
    ("environ", "language"),
    [
        ({}, "fr"),
        ({"LANG": "C.UTF-8"}, "fr"),
        ({"LANG": "fr_SN.UTF-8"}, "fr"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "fr_FR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),
        ({"LANGUAGE": "en"}, "en"),
    ],
)
def test_the_language_follows_the_locale(environ: dict[str, str], language: str) -> None:
    assert cli_language(environ) == language


def test_every_command_and_option_has_its_english_help() -> None:
    command = typer.main.get_command(app)
    missing, same = [], []
    for path, current in walk(command):
        keys = [" ".join(path)] + [
            f"{' '.join(path)} {param_key(param)}".strip() for param in current.params
        ]
        texts = [current.help] + [getattr(param, "help", None) for param in current.params]
        for key, french in zip(keys, texts, strict=True):
            if key not in HELP_EN:
                missing.append(key)
            elif french and HELP_EN[key] == french:
                same.append(key)
    assert missing == [], "add their English to bot/cli/help_en.py"
    assert same == []
    assert not set(HELP_EN) - {k for path, c in walk(command) for k in _keys(path, c)}


def _keys(path: tuple[str, ...], command: object) -> list[str]:
    key = " ".join(path)
    params = getattr(command, "params", [])
    return [key] + [f"{key} {param_key(param)}".strip() for param in params]


def test_help_in_french_by_default(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(["import", "products", "--help"], monkeypatch, capsys, "fr_SN.UTF-8")
    assert code == 0
    assert "Utilisation : stockbot import products" in out
    assert "Affiche cette aide et quitte." in out and "Importe un catalogue" in out
    assert "Usage" not in out and "Show this message" not in out
    code, out = _run(["--help"], monkeypatch, capsys, "fr_SN.UTF-8")
    assert "Commandes" in out and "COMMANDE [ARGS]" in out


def test_help_in_english_with_lang_en(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(["import", "products", "--help"], monkeypatch, capsys, "en_US.UTF-8")
    assert code == 0
    assert "Usage: stockbot import products" in out
    assert "Show this message and exit." in out and "Import a catalogue" in out
    assert "Store code (it must exist)." in out
    for french in ("Importe", "Magasin", "Affiche", "Utilisation"):
        assert french not in out


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["import", "products"], "Argument manquant : file."),
        (["import", "products", "x.csv"], "Option manquante : --store."),
        (["movements", "--limit", "x"], "un nombre entier est attendu"),
        (["stors"], "Commande inconnue : stors. Vouliez-vous dire"),
        (["stores", "list", "--foo"], "Option inconnue : --foo"),
        (["purge", "--days", "0"], "Valeur invalide pour '--days' : au moins 1 est attendu"),
        (["export", "products", "--store", "demo", "x.csv"], "Argument(s) en trop : x.csv"),
        (["outbox", "--status", "foo"], "'foo' n'est pas parmi"),
    ],
)
def test_usage_errors_in_french_without_traceback(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    expected: str,
) -> None:
    code, out = _run(args, monkeypatch, capsys, "fr_SN.UTF-8")
    assert code == 2
    assert expected in out and "Erreur" in out and "Traceback" not in out
    assert "Value error" not in out  # pydantic's words


def test_usage_errors_in_english_without_pydantic_words(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = _run(["outbox", "--status", "foo"], monkeypatch, capsys, "en_US.UTF-8")
    assert code == 2 and "'foo' is not one of" in out and "Value error" not in out


def test_error_translation_keeps_what_it_does_not_know() -> None:
    assert translate_error("Something else.") == "Something else."
    assert translate_error("No such option: --x Did you mean --y?") == (
        "Option inconnue : --x Vouliez-vous dire --y ?"
    )
