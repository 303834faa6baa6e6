"""What the learner services refuse, with a French message for the learner."""


class LearningError(Exception):
    """The learner asked for something the rules do not allow now."""


class UnknownItemError(LearningError):
    """The id names no tutorial or challenge the learner can act on (a 404)."""


class BlankAnswerError(LearningError):
    """ "Je valide" with nothing chosen nor typed: only "Je passe" skips."""


class TooManyRequestsError(LearningError):
    """Past a limit per learner and period (a 429): the message says until when."""
