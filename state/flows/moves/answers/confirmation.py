"""Answers to the confirmation ("Enregistrer la vente de 2 savons ?"): a yes records, a no
drops; anything else is a correction (lines added or corrected, the command restated, another
unit), a wait (`attends je vérifie`) or a wish to change (`modifier`)."""

from __future__ import annotations

from intents import Intent, ParsedIntent
from intents.answers import (
    NOT_WORDS,
    Answer,
    Correction,
    answer_then,
    correction,
    keys_of,
    owns_mistake,
    puts_off,
    says_done,
)
from intents.cue_words import EDIT_WORDS
from intents.keywords import SINGLE_WORD_CUES, Cue
from state.drafts import Draft
from state.flows.moves.acts import decline, order_for_a_day_to_come, put_off, put_off_order
from state.flows.moves.corrections.additions import added_lines
from state.flows.moves.corrections.correct import correct
from state.flows.moves.corrections.editing import ask_edit
from state.flows.moves.corrections.itemwise import (
    corrected_countwise,
    corrected_itemwise,
    several_commanded,
)
from state.flows.moves.corrections.places import corrected_by_place
from state.flows.moves.corrections.siblings import sibling_by_unit, siblings_of
from state.flows.moves.record import record
from state.flows.moves.settle import QUANTITY_WORDS, TRANSACTIONS, action_of, asks_stock
from state.matching import Offered, one_measure, size_value, unit_amount
from state.turn import Reading, Turn


def answer_confirmation(turn: Turn, draft: Draft, reading: Reading) -> bool:
    split = answer_then(reading.text)
    if (split is not None and put_off_order(turn, split.answer)) or order_for_a_day_to_come(
        turn, reading.text
    ):
        put_off(turn, draft)  # `pas maintenant, demain je commande 30`: the order is put off
        return True
    if corrected_by_place(turn, draft, reading.text):
        return True  # `non le 3e c'est 4 et le 1er 6`
    if added_lines(turn, draft, reading.text):
        return True
    parsed = reading.parsed
    if corrected_itemwise(turn, draft, reading.text, parsed):
        return True
    if not _other_action(draft, parsed) and corrected_countwise(turn, draft, reading.text):
        return True  # not `arrivage 24 vitalait 10 lait` under a count: an arrival of its own
    if parsed is not None and parsed.intent in TRANSACTIONS:
        if several_commanded(reading):
            return False  # `vendu 2 riz et 3 sucre`: a command of its own, not one line's
        if _verb_alone(reading, draft, parsed):
            record(turn, draft)  # `commander` under "Commander 20 sacs de Riz ?": do it
            return True
        return _restated(turn, draft, parsed)
    if parsed is not None and parsed.intent is Intent.STOCK_QUERY and asks_stock(reading):
        return False
    keys = keys_of(reading.text)
    if any(k in QUANTITY_WORDS for k in keys) and not any(k.isdigit() for k in keys):
        ask_edit(turn, draft)  # `autre quantité`, `changer la quantité`
        return True
    if owns_mistake(reading.text):
        ask_edit(turn, draft)  # `je me suis trompé` before it is recorded: what to change
        return True
    found = correction(reading.text)
    if found is not None and found.quantity is None and len(draft.lines) == 1:
        counted = unit_amount(reading.text, turn.unit(draft.lines[0].sku or ""))
        if counted is not None:  # `15 kg` for a product sold by the kg
            found = Correction(quantity=counted, negated=found.negated, marked=True)
    elif found is not None and found.quantity is None:
        found = _measured(turn, draft, reading.text) or found
    if found is not None and correct(turn, draft, found, text=reading.text):
        return True
    if found is None and sibling_by_unit(turn, draft, reading.text):
        return True
    said = reading.answer
    if said is Answer.YES or (draft.planned and says_done(reading.text)):
        record(turn, draft)  # `déjà fait` to « Vente déjà faite ? »
        return True
    if said is Answer.LATER and draft.alert_id is not None and puts_off(reading.text):
        put_off(turn, draft)  # `plus tard` under the order a low-stock push opened: reminded
        return True
    if said is Answer.LATER and not says_no(reading.text) and not draft.planned:
        turn.remind_question(turn.t("take_your_time"))  # `attends je vérifie`: it still waits
        return True
    if said in (Answer.NO, Answer.LATER):  # `non, plus tard`
        decline(turn, draft)
        return True
    if any(k in EDIT_WORDS for k in keys_of(reading.text)):
        ask_edit(turn, draft)
        return True
    return False


def _measured(turn: Turn, draft: Draft, text: str) -> Correction | None:
    """`non 12 m le bazin` under 10 metres of bazin and 2 zips: the metres of the one measure
    the lines are counted in are an amount (of the line in metres), not a size (`12m`)."""
    measure = one_measure(turn.unit(line.sku or "") for line in draft.lines)
    if not measure or _sizes_a_sibling(turn, draft, text):
        return None
    found = correction(text, measure=measure)
    return found if found is not None and found.quantity is not None else None


def _sizes_a_sibling(turn: Turn, draft: Draft, text: str) -> bool:
    """Whether the sizes `text` says (`non le sac de 50 kg`, `c'est le 50 kg`) are those of a
    sibling of one of the lines (Riz brisé 50kg beside a line of Riz brisé 25kg): a product
    named by its size, not an amount of the line counted in that measure."""
    keys = keys_of(text)
    sizes = " ".join(k for k in keys if size_value(k) is not None)
    if not sizes:
        return False
    return any(
        Offered(near, turn.view.matcher).pick(sizes)
        for line in draft.lines
        if (near := siblings_of(turn, line))
    )


def _other_action(draft: Draft, parsed: ParsedIntent | None) -> bool:
    """The reply commands another action than the draft's (`vendu …` while a count waits)."""
    return (
        parsed is not None
        and parsed.intent in TRANSACTIONS
        and action_of(parsed.intent) != draft.action
    )


def says_no(text: str) -> bool:
    """`non, plus tard`: a no, whatever else it says."""
    return any(SINGLE_WORD_CUES.get(k) is Cue.NO for k in keys_of(text))


def _restated(turn: Turn, draft: Draft, parsed: ParsedIntent) -> bool:
    """The same command typed again with another quantity (`vendu 4 riz` while "vente de 5
    sacs de riz ?" waits, `commande 30 seulement` for an order) corrects it, in the unit typed
    (`reçu 10 casiers de coca`: how many packs, asked); any other command (another action,
    another product) is a new one."""
    if action_of(parsed.intent) != draft.action or parsed.quantity is None:
        return False
    named = [parsed.product] if parsed.product is not None else parsed.candidates
    if named:
        index = next((i for i, line in enumerate(draft.lines) if line.sku in named), None)
    else:
        index = 0 if len(draft.lines) == 1 else None
    if index is None:
        return False
    fix = Correction(quantity=_restated_quantity(parsed), rest="")
    return correct(turn, draft, fix, index=index, text=parsed.text)  # its unit: `10 casiers`


def _restated_quantity(parsed: ParsedIntent) -> int | None:
    """The quantity of a command restated: the one said in place of its own, when its own is
    negated (`pas vendu 5, 3`, `pas reçu 10, 8 seulement`: 3, 8)."""
    found = correction(parsed.text)
    if found is not None and found.was is not None and found.was == parsed.quantity:
        return found.quantity
    return parsed.quantity


def _verb_alone(reading: Reading, draft: Draft, parsed: ParsedIntent) -> bool:
    """The draft's own action said with nothing else (`commander`, `je veux commander` under
    "Commander 20 sacs … ?", `vendu` under "Enregistrer la vente … ?"): it was dropped for the
    same action with no product (« Quel produit ? »)."""
    return (
        reading.request is None
        and action_of(parsed.intent) == draft.action
        and not (parsed.product or parsed.candidates or parsed.quantity or parsed.quantity_issue)
        and len(reading.many) <= 1
        and not _negates(reading.text)  # `c'était une perte pas une vente`: no yes to it
    )


def _negates(text: str) -> bool:
    """A no or a `pas` anywhere (`pas une vente`, `c'était une perte pas une vente`)."""
    return says_no(text) or any(k in NOT_WORDS for k in keys_of(text))
