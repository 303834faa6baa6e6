"""The statuses an answer can get and the steps that can accept a field."""

from enum import StrEnum


class AnswerStatus(StrEnum):
    """The result of checking an answer; anything but OK counts as failed."""

    OK = "ok"
    KO = "ko"
    SKIPPED = "skipped"
    TIMEDOUT = "timedout"
    FOCUSED_OUT = "focusedOut"
    PARTIALLY = "partially"


class AcceptedBy(StrEnum):
    """The step that accepted a field: the least tolerance it needed."""

    EXACT = "exact"
    T1 = "t1"
    T2 = "t2"
    T3 = "t3"
    NUMBER = "number"
    SELECT = "select"
