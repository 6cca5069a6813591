"""The one exception tree of stockbot.

StockbotError
├── ConfigurationError        a setting is missing or malformed (raised at start-up)
├── NotFound                  a store, product, manager or order that does not exist
├── ValidationError           input breaks a rule (a message over WhatsApp's limits, a bad CSV line)
│   ├── InvalidInput          one field is wrong (`bot.validation`): the field and the reason
│   ├── InvalidPhoneNumber
│   ├── InsufficientStock     a sale beyond the stock, with the quantity available
│   └── ImportFailed          a CSV import aborted, with the line number and reason
└── SendError                 raised by a transport, classified once at the boundary
    ├── RetryableSendError    retry later (retry_after seconds when the provider says)
    ├── OutsideWindowError    the 24-hour window is closed: send a template instead
    ├── PermanentSendError    this message will never go: record the code and reason
    └── StopSending           credentials or account problem: pause all sending
"""

from __future__ import annotations

from dataclasses import dataclass


class StockbotError(Exception):
    """Root of every error stockbot raises on purpose."""


class ConfigurationError(StockbotError):
    """A setting is missing or malformed; the message names the variable."""


class ValidationError(StockbotError, ValueError):
    """Input breaks a rule; the message says which and why."""


class InvalidPhoneNumber(ValidationError):
    pass


class InvalidInput(ValidationError):
    """One input field is wrong: `field` names it, `reason` says why and what is expected."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field} : {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One thing wrong in an imported file: where (line, column as the file names it), the
    value, and the reason with what to write instead."""

    line: int
    column: str
    value: str
    reason: str

    def describe(self) -> str:
        where = f"ligne {self.line}" + (f", colonne « {self.column} »" if self.column else "")
        return f"{where}{quoted_value(self.value, self.reason)} : {self.reason}"


def quoted_value(value: str, reason: str) -> str:
    """` (« value »)` after where a problem is: printable, at most 30 characters; nothing when
    the value is empty or `reason` already shows it."""
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value.strip())
    if not shown or shown in reason:
        return ""
    shown = shown if len(shown) <= 30 else shown[:30] + "…"
    return f" (« {shown} »)"


class ImportFailed(ValidationError):
    """An import refused as a whole. `problems` lists every problem found (the message shows
    the first MAX_SHOWN, then how many more); `line`, `reason` and `column` are the first's."""

    MAX_SHOWN = 20

    def __init__(
        self,
        line: int,
        reason: str,
        *,
        column: str | None = None,
        problems: list[ImportProblem] | None = None,
    ) -> None:
        self.problems = problems or [ImportProblem(line, column or "", "", reason)]
        lines = [problem.describe() for problem in self.problems[: self.MAX_SHOWN]]
        if len(self.problems) > self.MAX_SHOWN:
            lines.append(f"… et {len(self.problems) - self.MAX_SHOWN} autre(s) erreur(s)")
        super().__init__("\n".join(lines))
        self.line = line
        self.reason = reason
        self.column = column

    @classmethod
    def of(cls, problems: list[ImportProblem]) -> ImportFailed:
        first = problems[0]
        return cls(first.line, first.reason, column=first.column or None, problems=problems)


class SendError(StockbotError):
    def __init__(self, message: str, *, code: int | str | None = None) -> None:
        super().__init__(message)
        self.code = code

    def code_text(self, default: str = "") -> str:
        """The code as text, `default` when there is none (Graph's code 0 is a code: "0")."""
        return default if self.code is None or self.code == "" else str(self.code)


class RetryableSendError(SendError):
    def __init__(
        self, message: str, *, code: int | str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, code=code)
        self.retry_after = retry_after


class OutsideWindowError(SendError):
    pass


class PermanentSendError(SendError):
    pass


class StopSending(SendError):
    pass


class NotFound(StockbotError):
    """A store, product, manager or order that does not exist (or that the caller may not see)."""


class InsufficientStock(ValidationError):
    """A sale or adjustment would take the quantity below zero."""

    def __init__(self, sku: str, available: int, requested: int) -> None:
        super().__init__(f"{sku} : {requested} demandé(s), {available} en stock")
        self.sku = sku
        self.available = available
        self.requested = requested
