"""What a settled draft leads to: declined, lines dropped (recorded: `moves.record`)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import replace

from intents.answers import Answer, answer, names_a_day_to_come, puts_off
from state.drafts import Draft
from state.effects import AnswerAlert
from state.flows.moves.settle import advance, line_label
from state.machine import State
from state.turn import Turn
from state.values import Reply


def decline(turn: Turn, draft: Draft) -> None:
    turn.declined()
    turn.finish()
    turn.say(f"{draft.wording}_no")
    if draft.then:  # the other movement of the message is asked all the same
        turn.replay = draft.then


def put_off(turn: Turn, draft: Draft) -> None:
    """The order a low-stock push opened, put off (`plus tard`, `pas maintenant`): nothing is
    ordered and the alert is postponed, as its [Plus tard] button does (it comes back)."""
    assert draft.alert_id is not None
    turn.answered()
    turn.finish()
    turn.do(AnswerAlert(draft.alert_id, "later"))
    if draft.then:
        turn.replay = draft.then


def put_off_order(turn: Turn, said: str) -> bool:
    """Whether `said`, the answer opening a message, puts off the order a low-stock push opened
    (`pas maintenant`, `plus tard`): what follows it is no correction of that order (`pas
    maintenant, demain je commande 30`), nothing to agree to before it (`pas maintenant,
    vendu 2 riz`)."""
    return _push_order(turn) and answer(said) is Answer.LATER and puts_off(said)


def order_for_a_day_to_come(turn: Turn, text: str) -> bool:
    """Whether `text` says the order a low-stock push opened is for a day to come, whatever
    else it says (`commande demain`, `je commande 30 demain`, `demain 30`): it is put off, not
    placed now (`mets 10, le reste plus tard` orders 10)."""
    return _push_order(turn) and names_a_day_to_come(text)


def _push_order(turn: Turn) -> bool:
    draft = turn.draft
    return (
        turn.conv.state == State.AWAITING_CONFIRMATION
        and draft is not None
        and draft.alert_id is not None
    )


def drop_line(turn: Turn, draft: Draft, index: int) -> None:
    drop_lines(turn, draft, {index})


def drop_lines(turn: Turn, draft: Draft, indexes: AbstractSet[int]) -> None:
    """The lines at `indexes` removed, said so, and the rest settled again; when none is left,
    nothing is recorded and that is said too (the other movement of the message asked next, as
    after a no)."""
    names = [
        line_label(turn, line, draft.action)
        for index, line in enumerate(draft.lines)
        if index in indexes
    ]
    dropped = (
        turn.t("line_dropped", what=names[0])
        if len(names) == 1
        else turn.t("lines_dropped", what=", ".join(names))
    )
    kept = tuple(line for index, line in enumerate(draft.lines) if index not in indexes)
    rest = replace(draft, lines=kept)
    if rest.lines:
        turn.reply(Reply(dropped))
        turn.answered()
        advance(turn, rest)
        return
    turn.declined()
    turn.finish()
    turn.reply(Reply(f"{dropped}\n{turn.t('nothing_left')}"))
    if draft.then:  # `enlève le riz` of `vendu 2 riz et reçu 10 savon`: the arrival still asked
        turn.replay = draft.then
