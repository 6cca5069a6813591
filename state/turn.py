"""One step's working tools over the restored conversation: reading the context, saying things,
asking questions, asking for effects. Every flow (`state.flows`) works through a `Turn`."""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cached_property
from typing import Any

from intents import ParsedIntent
from intents.answers import Answer, answer, keys_of, position
from intents.exchanges import Exchange, read_exchange
from intents.requests import Request, RequestKind, read_request
from intents.stopwords import STOPWORDS
from intents.units import UNIT_WORDS
from state.choices import ChoiceId, by_words, choice_id, fold, parse_choice_id
from state.drafts import OUT, Draft, Line
from state.effects import Effect
from state.examples import example_words
from state.machine import (
    DECLINED_KEY,
    DONE_KEY,
    LEFT_KEY,
    MEMO_KEY,
    SUBJECT_KEY,
    UNCLEAR_KEY,
    Conversation,
    Left,
    State,
)
from state.messages import (
    amount,
    number,
    plural_unit,
    shorten,
    shorten_apart,
    text,
    typed_amount,
)
from state.quantities import MAX_QUANTITY
from state.texts import CATALOGUES
from state.values import (
    BUTTON_TITLE_MAX,
    BUTTONS_MAX,
    LIST_ROWS_MAX,
    ROW_DESCRIPTION_MAX,
    ROW_TITLE_MAX,
    CatalogView,
    Choice,
    ProductView,
    Reply,
    text_length,
)
from state.wording import noted, reworded, wording_of

SUBJECT_LIFETIME = timedelta(minutes=10)  # how long a product stays what `it` refers to
SAID_IN_KEY = "said_in"  # the language the question waiting was worded in
WORDING_KEY = "wording"  # what the question waiting was made of (`state.wording`)


class _Unworded(Exception):
    """A question built again (`Turn.reword_question`) would do more than be asked again."""


@dataclass
class Reading:
    """A text message read once, lazily: the matcher's parse, a request, a yes/no/later.
    `agreed`: a yes came before it (`oui commande 20`), read without it (`talk.agreeing`)."""

    text: str
    view: CatalogView
    agreed: bool = False
    waiting: bool = False  # a question waits for an answer

    @cached_property
    def parsed(self) -> ParsedIntent | None:
        matcher = self.view.matcher
        return matcher.parse(self.text) if matcher is not None else None

    @cached_property
    def many(self) -> list[ParsedIntent]:
        """One reading per item of a message naming several (`vendu 2 savon et 3 café`)."""
        matcher = self.view.matcher
        if matcher is None:
            return []
        parse_many = getattr(matcher, "parse_many", None)
        if parse_many is None:
            return [matcher.parse(self.text)]
        return list(parse_many(self.text))

    @cached_property
    def request(self) -> Request | None:
        matcher = self.view.matcher  # `inventaire fer 10 140`: 140 of Fer 10, not 10 140
        numbers = matcher.name_numbers if matcher is not None else frozenset()
        found = read_request(self.text, numbers)
        if self.waiting and found is not None and found.kind is RequestKind.PRICE and found.figure:
            return None  # `c'est 150` under "combien ?": the number answers it, no price
        return found

    @cached_property
    def answer(self) -> Answer | None:
        return answer(self.text)

    @cached_property
    def exchange(self) -> Exchange | None:
        """A customer's exchange (`échangé 1 huile 5l contre 1 huile 20l`)."""
        return read_exchange(self.text)


class Turn:
    def __init__(
        self,
        conversation: Conversation,
        view: CatalogView,
        *,
        just_expired: bool = False,
        rewords: Callable[[Turn], Callable[[], None] | None] | None = None,
    ) -> None:
        self.conv = conversation
        self.view = view
        self.lang = view.language
        self.just_expired = just_expired
        self.replay: str | None = None
        # The command a message goes on with after answering the question waiting (`oui et
        # vendu 2 savon`): read next (`replay`); the answer is final, nothing asked again.
        self.then: str | None = None
        # What a message adds to the order its yes opens (`oui et ajoute 10 sucre` under a
        # push): the order is asked with it (`moves.amend`), not placed at once.
        self.adds: str | None = None
        # How the flow owning the question waiting asks it (`state.flows.reword`): None when it
        # cannot be asked again from the conversation's state (its wording is kept).
        self._rewords = rewords
        self._rewording = False
        self._reworded: Reply | None = None

    # --- context ---------------------------------------------------------------------------

    @property
    def ctx(self) -> dict[str, Any]:
        return self.conv.context

    @property
    def flow(self) -> str | None:
        """Which flow owns the question waiting (None when nothing waits)."""
        return str(self.ctx.get("flow")) if self.conv.waiting and self.ctx.get("flow") else None

    @property
    def draft(self) -> Draft | None:
        data = self.ctx.get("draft")
        return Draft.from_dict(data) if isinstance(data, Mapping) else None

    def left(self, kind: str, key: str) -> Mapping[str, Any] | None:
        """The question left unanswered that a tap on `kind:v1:key:…` answered, if remembered."""
        for old in reversed(self.ctx.get(LEFT_KEY, ())):
            if old.get("token") == key:
                return dict(old)
        return None

    # --- saying and doing ------------------------------------------------------------------

    def reply(self, reply: Reply) -> None:
        if self._rewording:
            raise _Unworded
        self.conv.actions.append(reply)

    def say(self, key: str, **values: Any) -> None:
        self.reply(Reply(self.t(key, **values)))

    def t(self, key: str, **values: Any) -> str:
        template = CATALOGUES.get(self.lang, CATALOGUES["fr"]).get(key, "")
        if "{example" in template and "example" not in values:  # the catalogue's own words
            values = {**example_words(self.lang, self.view.matcher), **values}
        return text(self.lang, key, **values)

    def do(self, effect: Effect) -> None:
        if self._rewording:
            raise _Unworded
        self.conv.actions.append(effect)

    def say_problem(self, key: str) -> None:
        """What is wrong with the number typed (`quantity_invalid`, `quantity_too_big`…)."""
        self.say(key, max=number(self.lang, MAX_QUANTITY))

    # --- questions -------------------------------------------------------------------------

    def new_token(self) -> str:
        if self._rewording:  # the same question: its buttons, already sent, still answer it
            return str(self.ctx.get("token", ""))
        asked = int(self.ctx.get("asked", 0)) + 1
        self.ctx["asked"] = asked
        return f"{self.view.manager_id}-{asked}"

    def ask(self, state: State, reply: Reply, *, flow: str, token: str, **context: Any) -> None:
        """Wait for the answer to `reply` in `state`, owned by `flow`; remember and send it,
        with what its texts were made of (`wording`: given with a push built by `bot/`), to
        ask it again in another language."""
        if self._rewording:
            if self._reworded is not None or state.value != self.conv.state:
                raise _Unworded  # another question than the one waiting
            self._reworded = reply
            return
        trigger = {
            State.AWAITING_STORE: self.conv.ask_store,
            State.AWAITING_PRODUCT: self.conv.ask_product,
            State.AWAITING_QUANTITY: self.conv.ask_quantity,
            State.AWAITING_CONFIRMATION: self.conv.ask_confirmation,
            State.AWAITING_CHOICE: self.conv.ask_choice,
        }[state]
        trigger()
        log = noted()
        wording = context.pop(WORDING_KEY, None)
        if wording is None and log is not None:
            wording = wording_of(reply, log)
        self.ctx.update(context, flow=flow, token=token, question=reply.to_dict())
        self.ctx[SAID_IN_KEY] = self.lang
        if wording:
            self.ctx[WORDING_KEY] = wording
        else:
            self.ctx.pop(WORDING_KEY, None)
        self.reply(reply)

    def settle(self, effect: Effect, **memo: Any) -> None:
        """The question waiting is answered by `effect`: it is over (a second tap finds nothing
        waiting), and `memo` is kept for the flow that reads the effect's result (`recall`)."""
        self.answered()
        self.finish()
        self.ctx[MEMO_KEY] = memo
        self.do(effect)

    def recall(self) -> dict[str, Any]:
        """What `settle` kept (once)."""
        memo: dict[str, Any] = self.ctx.pop(MEMO_KEY, None) or {}
        return memo

    def answered(self) -> None:
        """The question waiting is answered: leaving it is not a loss."""
        if self._rewording:
            raise _Unworded
        self.conv.leaving = Left.ANSWERED

    def declined(self) -> None:
        """The question waiting is answered no: nothing is done (counted for the owner)."""
        self.answered()
        self.ctx[DECLINED_KEY] = int(self.ctx.get(DECLINED_KEY, 0)) + 1

    def not_understood(self) -> None:
        """The reply to the question waiting is no answer: the question is asked again."""
        self.ctx[UNCLEAR_KEY] = int(self.ctx.get(UNCLEAR_KEY, 0)) + 1
        self.repeat_question(self.t("not_an_answer"))

    def finish(self) -> None:
        """Nothing waits any more. From `idle` (a command answered at once, a lookup's result)
        the machine's reflexive transition would only clear the expiry again: done here, without
        a trigger's dispatch (two per stock question, a sixth of a step's time)."""
        if self._rewording:
            raise _Unworded
        if not self.conv.waiting:
            self.conv.expires_at = None
            return
        self.conv.finish()

    def lead(self, text: str, *, since: int = 0) -> None:
        """`text` above the first reply said from action `since` on (in the same message)."""
        actions = self.conv.actions
        for index in range(since, len(actions)):
            said = actions[index]
            if isinstance(said, Reply):
                actions[index] = Reply(
                    f"{text}\n{said.text}", said.buttons, said.rows, said.list_button
                )
                return
        self.reply(Reply(text))

    def withdraw_question(self) -> None:
        """The question just asked is not sent after all (answered in the same message)."""
        actions = self.conv.actions
        question = self.ctx.get("question")
        if question and actions and actions[-1] == Reply.from_dict(question):
            actions.pop()

    def reword_question(self) -> bool:
        """The question waiting worded again in the language of now (`self.lang`) when it was
        said in another (the manager switched, or follows the one they write), with the same
        choices (its buttons already sent still answer it), stored in place of the old wording;
        nothing is said. Asked again by its flow from the conversation's state when it can
        (`state.flows.reword`), else said again from what its texts were made of
        (`state.wording`). False when nothing changed: the same language, or a question
        neither can word again (its wording is kept)."""
        said_in = self.ctx.get(SAID_IN_KEY)
        if not self.conv.waiting or said_in in (None, self.lang):
            return False
        again = self._asked_again()
        if again is None:
            wording = self.ctx.get(WORDING_KEY)
            if isinstance(wording, Mapping):
                question = Reply.from_dict(self.ctx["question"])
                again = reworded(question, wording, self.lang)
        if again is None:
            return False
        self.ctx.update(question=again.to_dict(), **{SAID_IN_KEY: self.lang})
        return True

    def _asked_again(self) -> Reply | None:
        """The question waiting as its flow asks it now (nothing else done); None when its
        flow cannot ask it again, or it would now be another (the catalogue changed)."""
        build = self._rewords(self) if self._rewords is not None else None
        if build is None:
            return None
        before, since = copy.deepcopy(self.ctx), len(self.conv.actions)
        self._rewording, self._reworded = True, None
        try:
            build()
        except _Unworded:
            self._reworded = None
        finally:
            self._rewording = False
        reworded, self._reworded = self._reworded, None
        del self.conv.actions[since:]
        self.conv.context = before
        return reworded

    def repeat_question(self, hint: str | None = None) -> None:
        self.reword_question()
        question = Reply.from_dict(self.ctx["question"])
        if hint:
            question = Reply(
                f"{hint}\n{question.text}", question.buttons, question.rows, question.list_button
            )
        self.reply(question)

    def remind_question(self, lead: str | None = None) -> None:
        """The question waiting, again, under `lead` (thanks, an `ok`, an emoji): a list stays
        open above, so it is named in one short line rather than sent whole again (unless it
        was in another language: then whole, in this one)."""
        reworded = self.reword_question()
        question = Reply.from_dict(self.ctx["question"])
        if not question.rows or reworded:
            if lead:
                self.reply(Reply(lead))
            self.repeat_question()
            return
        line = self.t("question_waits", question=question_title(question.text))
        self.reply(Reply(f"{lead}\n{line}" if lead else line))

    def offered_as_list(self) -> bool:
        question = self.ctx.get("question")
        return bool(question and question.get("rows"))

    def offered(self) -> tuple[Choice, ...]:
        question = self.ctx.get("question")
        return Reply.from_dict(question).choices if question else ()

    def choice_at(self, typed: str) -> ChoiceId | None:
        """The offered choice a reply names by its position (`2`, `le 2e`) or its title."""
        offered = self.offered()
        found = position(typed, len(offered))
        choice = offered[found - 1] if found is not None else by_words(offered, typed)
        return parse_choice_id(choice.id) if choice is not None else None

    def yes_no(self, kind: str, key: str | int, *, middle: str | None = None) -> tuple[Choice, ...]:
        """[Oui] [Non], or [Oui] [middle] [Non] (`edit`: Modifier, `other`: Autre quantité)."""
        choices = [Choice(choice_id(kind, key, "yes"), self.t("yes"))]
        if middle is not None:
            choices.append(Choice(choice_id(kind, key, middle), self.t(f"button_{middle}")))
        choices.append(Choice(choice_id(kind, key, "no"), self.t("no")))
        return tuple(choices)

    def choices_reply(
        self, body: str, kind: str, token: str, items: Sequence[tuple[str, str, str]], button: str
    ) -> Reply:
        """Up to 3 buttons when the titles fit, else a list (`items`: value, title,
        description)."""
        shown = items[:LIST_ROWS_MAX]
        titles = [shorten(title, BUTTON_TITLE_MAX) for _, title, _ in shown]
        if len(shown) <= BUTTONS_MAX and len(set(titles)) == len(titles):
            return Reply(
                body,
                buttons=tuple(
                    Choice(choice_id(kind, token, value), title)
                    for (value, _, _), title in zip(shown, titles, strict=True)
                ),
            )
        rows = shorten_apart([title for _, title, _ in shown], ROW_TITLE_MAX)
        return Reply(
            body,
            rows=tuple(
                Choice(
                    choice_id(kind, token, value),
                    row,
                    shorten(_described(title, description), ROW_DESCRIPTION_MAX),
                )
                for (value, title, description), row in zip(shown, rows, strict=True)
            ),
            list_button=self.t(button),
        )

    # --- what was just recorded ------------------------------------------------------------

    def note_done(
        self, kind: str, lines: Sequence[tuple[str, int]], key: object = None, **more: object
    ) -> None:
        """What was just recorded (a bare `annule` or `non c'est 4` right after is about it),
        the key its movements were recorded under (`annule` takes back every line), and `more`
        of what it was (the order placed)."""
        self.ctx[DONE_KEY] = {
            "kind": kind,
            "lines": [[sku, quantity] for sku, quantity in lines],
            "at": self.conv.now.isoformat(),
            "key": key,
            **more,
        }

    def forget_done(self) -> None:
        """What was just recorded was taken back: a bare `annule` is about nothing now."""
        self.ctx.pop(DONE_KEY, None)

    # --- the product talked about ----------------------------------------------------------

    def note_subject(self, skus: Sequence[str]) -> None:
        """The last answer was about `skus`: one product becomes what `it` refers to; several
        (a family listed) are what `le grand`, `the small one` pick from (`listed`)."""
        distinct = list(dict.fromkeys(skus))
        if not distinct:
            self.ctx.pop(SUBJECT_KEY, None)
            return
        one = distinct[0] if len(distinct) == 1 else ""
        self.ctx[SUBJECT_KEY] = {"sku": one, "skus": distinct, "at": self.conv.now.isoformat()}

    def subject(self) -> str | None:
        """The product the last answer was about, when it is recent and still in the store."""
        noted = self._noted()
        sku = str(noted.get("sku") or "")
        return sku if self.product(sku) is not None else None

    def listed(self) -> tuple[str, ...]:
        """The products the last answer listed (a family), when recent and still in the store."""
        skus = self._noted().get("skus")
        if self.subject() is not None or not isinstance(skus, list):
            return ()
        return tuple(str(sku) for sku in skus if self.product(str(sku)) is not None)

    def _noted(self) -> Mapping[str, Any]:
        noted = self.ctx.get(SUBJECT_KEY)
        if not isinstance(noted, Mapping) or not self.lately(noted):
            return {}
        return noted

    def lately(self, noted: Mapping[str, Any]) -> bool:
        """Whether what `noted` stamps `at` (the last answer's subject, a report) is recent
        enough for the next message to go on from it."""
        try:
            at = datetime.fromisoformat(str(noted.get("at")))
        except ValueError:
            return False
        return timedelta(0) <= self.conv.now - at <= SUBJECT_LIFETIME

    # --- the catalog -----------------------------------------------------------------------

    def product(self, sku: str | None) -> ProductView | None:
        return self.view.product(sku) if sku else None

    def name(self, sku: str) -> str:
        product = self.product(sku)
        return product.name if product else sku

    def unit(self, sku: str) -> str:
        product = self.product(sku)
        return product.unit if product else ""

    def amount(self, quantity: int, sku: str) -> str:
        product = self.product(sku)
        return amount(self.lang, quantity, self.unit(sku), product.unit_en if product else "")

    def units(self, sku: str) -> str:
        """The unit as asked in "Combien de sacs ?"."""
        product = self.product(sku)
        return plural_unit(self.lang, self.unit(sku), product.unit_en if product else "")

    def line_text(self, sku: str, quantity: int) -> str:
        """`3 sacs de Riz brisé 50kg`."""
        return self.t("line", quantity=self.amount(quantity, sku), name=self.name(sku))

    def lines_text(self, lines: Sequence[tuple[str, int]]) -> str:
        return ", ".join(self.line_text(sku, quantity) for sku, quantity in lines)

    # --- leaving ---------------------------------------------------------------------------

    def drop_question(self, why: Left) -> None:
        """Leave the question waiting (replaced by a new command, or cancelled) and, when it
        held something to record, say that it was not recorded."""
        if not self.conv.waiting:
            return
        notice = self.dropped_notice()
        self.conv.leaving = why
        self.conv.finish()
        if notice:
            self.reply(Reply(notice))

    def dropped_notice(self) -> str | None:
        """What dropping the question waiting drops: "La vente de 5 sacs de Sucre est annulée."."""
        draft = self.draft
        if draft is not None and draft.action != "stock":
            named = [line for line in draft.lines if line.sku or line.words or self._kin(line)]
            if not named:
                return None  # "Commander maintenant ?" left before any product was named
            if draft.action == "count" and draft.reason is None and all(map(_untold, draft.lines)):
                return None  # `inventaire riz` left before a number: nothing was said to note
            wording = draft.wording
            if draft.reason in OUT:  # the amount lost (sent back), not the count it leaves
                lost = [found for line in named if (found := self._lost(line)) is not None]
                wording = wording if len(lost) == len(named) else "count"
                named = lost if len(lost) == len(named) else named
            what = ", ".join(self._described(line) for line in named)
            notice = self.t(f"dropped_{wording}", what=what)
            if draft.then:  # `vendu 2 riz et reçu 10 sucre`: the arrival promised next, dropped too
                notice += "\n" + self.t("dropped_then", text=draft.then)
            return notice
        dropped = self.ctx.get("dropped")
        if isinstance(dropped, Mapping):  # `worded_later`: in the language of now
            return self.t(str(dropped["key"]), **dropped.get("values", {}))
        return str(dropped) if dropped else None  # worded when asked (an older version)

    def _lost(self, line: Line) -> Line | None:
        """A line of a loss as the amount lost (`j'ai perdu 2 savons`: 2, not the 13 left);
        None when its count is no loss (at or above the stock); the line as it is while how
        many were lost is asked (« La perte de Bouteille de gaz 12kg est annulée »)."""
        if line.quantity is None and line.change is None:
            return line
        if self.ctx.get("ask") == "unit" and line.unit is not None:
            return line  # `3 bouteilles` lost, while what they make of casiers is asked
        if line.change is not None and line.quantity is None:
            return replace(line, quantity=-line.change) if line.change < 0 else None
        product = self.product(line.sku or "")
        if product is None or line.quantity is None or line.quantity >= product.quantity:
            return None
        return replace(line, quantity=product.quantity - line.quantity, unit=None)

    def _described(self, line: Line) -> str:
        """`5 sacs de Sucre`, `Sucre` (no quantity yet), `5 sucre` (as typed, product unknown)."""
        if line.sku and line.quantity and line.unit:  # `10 cartons de Lait`: as typed
            shown = typed_amount(self.lang, line.quantity, line.unit)
            return self.t("line", quantity=shown, name=self.name(line.sku))
        if line.sku and line.quantity:
            return self.line_text(line.sku, line.quantity)
        candidates = [s for s in line.candidates if self.product(s)]
        one_unit = len({self.unit(s) for s in candidates}) == 1
        if not line.sku and line.quantity and line.words and one_unit:  # `12 paquets de Pampers`
            name = self._common_words(candidates, line.words)
            return self.t("line", quantity=self.amount(line.quantity, candidates[0]), name=name)
        name = self.name(line.sku) if line.sku else (line.shown or self._kin(line) or "?")
        return f"{line.quantity} {name}" if line.quantity else name

    def _kin(self, line: Line) -> str:
        """The first words the products offered for a line share, untyped (`vendu 3` about
        the sugars just asked about: `Sucre`); "" when they share none."""
        names = [self.name(s).split() for s in line.candidates if self.product(s)]
        if len(names) < 2:
            return ""
        shared = []
        for words in zip(*names, strict=False):
            if len({fold(w) for w in words}) != 1:
                break
            shared.append(words[0])
        while shared and fold(shared[-1]) in STOPWORDS:  # `Farine de` of `Farine de blé`
            shared.pop()
        return " ".join(shared)

    def _common_words(self, skus: Sequence[str], words: str) -> str:
        """The words of the first of `skus`' name that `words` (keys) typed (`Pampers` of
        `pamper` in "Couches Pampers taille 3"), the unit typed left to the amount (`rice`, not
        `Rice bag`, of `20 bags rice` about "Rice 25kg bag"); the words typed but the unit when
        the name holds none of them, those of the catalogue (`chicken` of `we receive 4 carton
        chicken` about "Poulet entier carton 10kg": not `carton`, a word of the name); `words`
        as they are when none is."""
        typed = set(keys_of(words))
        names = self.name(skus[0]).split()
        goods = typed - UNIT_WORDS
        shown = [w for w in names if any(k in (goods or typed) for k in keys_of(w))]
        if shown:
            return " ".join(shown)
        matcher = self.view.matcher
        vocabulary = matcher.name_words if matcher is not None else frozenset()
        goods_typed = [w for w in words.split() if set(keys_of(w)) & (vocabulary - UNIT_WORDS)]
        return " ".join(goods_typed) if goods and goods_typed else words


def worded_later(key: str, **values: Any) -> dict[str, Any]:
    """The text `key` of the catalogues with `values` (numbers: no word of any language), to
    keep in the context and word when it is said (`Turn.dropped_notice`): in the language the
    manager is answered in by then, which may have changed since the question was asked."""
    return {"key": key, "values": values}


def question_title(body: str) -> str:
    """`Quel produit ?` out of "Quel produit ? (10 sur 16 : tapez le nom si le vôtre manque.)"."""
    first = body.strip().split("\n", 1)[0]
    title = first.split(" (", 1)[0].strip() or first
    return shorten(title, 60)


def _described(title: str, description: str) -> str:
    """A row's description: the whole title first when the row cuts it (`Peinture blanche
    Seigne…` is two products: the description tells `… 5L` from `… 20L`)."""
    if text_length(title) <= ROW_TITLE_MAX:
        return description
    return f"{title} — {description}" if description else title


def _untold(line: Line) -> bool:
    """A line no amount was said for yet."""
    return line.quantity is None and line.change is None and not line.whole
