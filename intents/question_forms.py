"""How a question is put: "comment on fait" asks how, "ce que je dois commander" asks what,
"le sac est à combien" asks a price, "koi taper" asks what to type.
"""

from __future__ import annotations

from collections.abc import Sequence

from intents.normalize import word_keys
from intents.units import UNIT_WORDS

# "comment" / "how" asks how to do something when a verb follows ("comment signaler une
# vente", "comment on fait"), possibly after a subject or modal ("comment est-ce qu'on
# ajoute", "comment je peux voir"); "comment tu vas" and "comment ça va" are greetings.
HOWTO_STARTERS = word_keys("comment how")
_HOWTO_SUBJECTS = word_keys("on je j nous")  # "comment (est-ce qu')on ...": always a how-to
_HOWTO_SKIPPED = word_keys(
    "est ce que qu faut il tu vous puis peux peut pourrais pourrait dois doit se s pour"
)
_HOWTO_VERBS = word_keys(
    "fait fais faites faire marche fonctionne procede utilise voir lire dire mettre remettre "
    "prendre vendre rendre ecrire inscrire recevoir savoir joindre"
)
_NOT_INFINITIVES = word_keys(
    "aller hier premier dernier papier panier cahier quartier janvier fevrier super soir"
)
_ENGLISH_HOWTO = word_keys("do does did to can could should i")
# "koi taper pour voir le stock", "qu'est-ce que je tape", "what do I write": asking what to
# type is asking how to use the bot.
TYPING_VERBS = word_keys(
    "taper tape tapes tapez tapons tapper tappe ecrire ecris ecrit ecrivez ecrivons envoyer "
    "envoie envoies envoyez write send"
)

_QUESTION_WORDS = word_keys("quoi quel quels quelle quelles comment what which how")


def asks_what_to_type(keys: Sequence[str]) -> bool:
    """A question word with the typing verb: ``quoi``/``quel``/``comment``/``what``, or
    ``qu'est-ce que`` / a leading ``que`` ("que taper"), not the relative "ce que"."""
    return (
        keys[0] == "que"
        or any(k in _QUESTION_WORDS for k in keys)
        or any(k == "qu" and n == "est" for k, n in zip(keys, keys[1:], strict=False))
    )


def _is_infinitive(key: str) -> bool:
    return len(key) >= 5 and key.endswith(("er", "ir")) and key not in _NOT_INFINITIVES


def asks_how(keys: Sequence[str], index: int) -> bool:
    """Whether ``comment``/``how`` at ``index`` asks how to do something (a verb follows)."""
    following = keys[index + 1 : index + 5]
    if not following:
        return False
    if keys[index] == "how":
        return following[0] in _ENGLISH_HOWTO
    for key in following:
        if key in _HOWTO_SUBJECTS:
            return True
        if key not in _HOWTO_SKIPPED:
            return key in _HOWTO_VERBS or _is_infinitive(key)
    return False


_WHAT_FOLLOWERS = word_keys("dois doit faut je on il commander recommander manque reste")
_DEFINITE = word_keys("le la l les")


def asks_what(keys: Sequence[str], index: int) -> bool:
    """``ce que je dois commander`` asks *what*; ``est-ce que je peux`` does not."""
    before = tuple(keys[max(0, index - 2) : index])
    if before[-2:] == ("est", "ce"):
        return False
    if before[-1:] == ("ce",):
        return True
    return index + 1 < len(keys) and keys[index + 1] in _WHAT_FOLLOWERS


_HAVE_SUBJECTS = word_keys("y on il elle qui en")  # "il y a combien", "on a combien": a count


def asks_price(keys: Sequence[str], index: int) -> bool:
    """``combien le sac ?`` (the price of one unit, not a count) and ``à combien`` (``le sac
    est à combien``, ``à combien tu vends le riz``), but not ``il y a combien``."""
    if index and keys[index - 1] == "a":
        return index == 1 or keys[index - 2] not in _HAVE_SUBJECTS
    following = keys[index + 1 : index + 3]
    return len(following) == 2 and following[0] in _DEFINITE and following[1] in UNIT_WORDS


# "Which one?" typed back under a choice (`which one`, `na which one?`, `lequel ?`, `c'est
# lequel`, Wolof `ban la ?`): the manager asks to see what can be chosen, no answer.
_WHICH = word_keys("which wich wetin lequel laquelle lesquels lesquelles quel quelle ban bann")
_AROUND_WHICH = word_keys(
    "one ones na c est ce la lan again encore do you mean tu veux dire vous voulez abeg please "
    "pls stp svp boss oga chef so alors donc"
)


def asks_which_one(keys: Sequence[str]) -> bool:
    """Only `which one?` in some words: ``which one``, ``na which one``, ``c'est lequel``."""
    return any(k in _WHICH for k in keys) and all(k in _WHICH or k in _AROUND_WHICH for k in keys)
