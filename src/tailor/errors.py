"""The exception tree: what went wrong, where, and what the user can do about it."""

from __future__ import annotations

from pathlib import Path


class TailorError(Exception):
    """A problem with the user's input or options, reported as one line with a hint.

    Anything that is not a ``TailorError`` is a bug in tailor and keeps its traceback.
    """

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        path: Path | str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = str(path) if path is not None else None
        self.line = line

    @property
    def where(self) -> str | None:
        """Gives ``file:line`` (or just the file) where the problem is, if known."""
        if self.path is None:
            return None
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class InputError(TailorError):
    """An input file cannot be read or understood."""


class TruthfulnessError(TailorError):
    """The output would contain text that is not verbatim master CV text."""


class OutputError(TailorError):
    """An output cannot be written where it was asked to go."""
