"""French texts never leave a past participle to agree with an amount they do not know the
gender of (« 2 pièces … remis », « 2 bouteilles … retirés »): a quantity and its unit
(`{quantity}`: « 2 pièces », « 1 sac ») are followed by words that need no agreement
(« de retour en stock », « en moins »)."""

from __future__ import annotations

import re

from state.texts.fr import TEXTS

# Placeholders that hold an amount with its unit (« 2 pièces de Brosse à dents »).
_AMOUNTS = ("quantity", "line", "lines", "received", "available", "new", "old")
# (« l'arrivage de {old} ne peut plus être retiré »: the participle is of « l'arrivage ».)
_PARTICIPLE = re.compile(
    r"(?<!être )\b(?:remis|re[çc]u|vendu|perdu|cass[ée]|retir[ée]|rendu|enlev[ée]|livr[ée]|"
    r"arriv[ée]|command[ée]|compt[ée]|ajout[ée]|sorti|abîm[ée]|vol[ée]|annul[ée]|enregistr[ée])(?:e?s?)\b",
    re.IGNORECASE,
)
_AFTER_AMOUNT = re.compile(r"\{(" + "|".join(_AMOUNTS) + r")\}([^.:;?!\n(]*)")


def agreeing_after_amount(text: str) -> list[str]:
    """The participles of `text` that follow an amount in the same clause."""
    return [m.group(0) for m in _AFTER_AMOUNT.finditer(text) if _PARTICIPLE.search(m.group(2))]


def test_the_check_sees_the_old_wording() -> None:
    assert agreeing_after_amount("Vente annulée : {quantity} de {name} remis en stock.")
    assert agreeing_after_amount("Arrivage annulé : {quantity} de {name} retirés. Stock")
    assert not agreeing_after_amount("Vente annulée : {quantity} de {name} de retour en stock.")


def test_no_french_participle_follows_an_amount() -> None:
    wrong = {key: found for key, text in TEXTS.items() if (found := agreeing_after_amount(text))}
    assert not wrong, wrong
