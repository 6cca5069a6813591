"""Goods sent back to the supplier (`j'ai retourné 2 cartons de savon au fournisseur`, `retour
fournisseur 3 sacs riz`, `returned 2 bags of rice to the supplier`, `renvoyé 5 bidons au
grossiste`): out of the stock without a sale, recorded as a count that many below the stock,
like a loss (`read_loss`), and said as a return to the supplier. The supplier must be where the
goods go (`au fournisseur`, `to the supplier`, `retour fournisseur`, Wolof `ci fournisseur bi`):
when the supplier brings them (`le fournisseur a ramené 2 savons`) it is an arrival. All of a
product sent back, with no number (`j'ai renvoyé tout le sucre au fournisseur`, `returned all
the oil to the supplier`, `delloo naa ceeb bi lépp ci fournisseur bi`), is its whole stock, as
a loss of all of it is (`whole_out`)."""

from __future__ import annotations

from collections.abc import Sequence

from intents.answers import numbers_in
from intents.cue_words import SUPPLIER_WORDS, WORDS, Cue
from intents.normalize import word_key
from intents.requests.base import Request, word_set
from intents.requests.losses import out_request, whole_out

# Words that send goods back: a return's (`retourné`, `retour`, `returned`), a bringing back's
# (`ramené au fournisseur`, `brought back to the supplier`) or `renvoyé`.
_SENT_BACK = (
    WORDS[Cue.RETURN]
    | WORDS[Cue.BROUGHT]
    | word_set(
        "renvoye renvoyes renvoyee renvoyees renvoyer renvoi renvoie rendre rendu sent send back "
        "yobbuwaat"  # Wolof: taken back
    )
)
# Words that say where the goods went (`au fournisseur`, `to the supplier`).
_TO = word_set("a au aux chez to ci")
_PUNCTUATION = frozenset({"", ".", "!", "?"})
# Wolof's person after the verb (`delloo naa fournisseur bi …`: I gave back to the supplier).
_PERSON = word_set("naa na nga nanu")
_THE = word_set("le la les l mon ma mes notre nos son sa ses the my our his her their bi")
# Words around it that name no product (`j'ai`, `on a`, `we have`).
_AROUND = (
    _SENT_BACK
    | _TO
    | _THE
    | SUPPLIER_WORDS
    | word_set("j ai on a il elle ils elles nous i we they have has had was were been ete naa na")
)
# A sale or an order said with it is that movement (`vendu 2 riz au fournisseur`?): not this.
_OTHER_VERBS = word_set("vendu vendus vente vendre sold sell commande commander order jaay jend")


def read_supplier_return(keys: Sequence[str], text: str) -> Request | None:
    if not _to_supplier(keys) or not any(k in _SENT_BACK for k in keys):
        return None
    if any(k in _OTHER_VERBS for k in keys):
        return None
    if not numbers_in(keys).values:
        return whole_out(keys, _AROUND, "supplier")
    return out_request([k for k in keys if k not in _AROUND], "supplier")


def _to_supplier(keys: Sequence[str]) -> bool:
    """A supplier the goods went to: after `au`, `to the`, `ci`, or right after the sending
    word (`retour fournisseur`, `delloo naa fournisseur bi`), not the one who brought them (`le
    fournisseur a ramené`)."""
    for index, key in enumerate(keys):
        if key not in SUPPLIER_WORDS or index == 0:
            continue
        before = keys[index - 1]
        if before in _TO or before in _SENT_BACK:
            return True
        if index > 1 and (
            (before in _THE and keys[index - 2] in _TO)
            or (before in _PERSON and keys[index - 2] in _SENT_BACK)
        ):
            return True
    return False


def supplier_said_last(text: str) -> tuple[str, str] | None:
    """`… et 3 riz au fournisseur`: the words saying the goods went to the supplier, closing
    the message (`au fournisseur`, `to the supplier`, `ci fournisseur bi`), and the text before
    them; None when the message does not end so, or they are not where goods were sent."""
    words = text.rstrip(" .!?").split()
    keys = [word_key(word) for word in words]
    ends = [i for i, k in enumerate(keys) if k in SUPPLIER_WORDS]
    if not ends or not _to_supplier(keys):
        return None
    end = ends[-1]
    if any(k not in _THE and k not in _PUNCTUATION for k in keys[end + 1 :]):
        return None  # words after the supplier: not the close of the message
    start = end
    while start > 0 and (keys[start - 1] in _TO or keys[start - 1] in _THE):
        start -= 1
    if start == end:
        return None  # `retour fournisseur …`: the supplier is not what closes the goods
    return " ".join(words[:start]), " ".join(words[start:])


def sends_back(text: str) -> bool:
    """Whether `text` says goods were sent back (`retourné`, `renvoyé`, `returned`, `delloo`)."""
    return any(word_key(word) in _SENT_BACK for word in text.split())
