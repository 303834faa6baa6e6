class CertificationError(Exception):
    """A refusal with a message for the user (French, translated)."""

    status = 409


class InvalidInput(CertificationError):
    status = 422


class TooManyAttempts(CertificationError):
    status = 429


class NotConfirmed(CertificationError):
    """The invigilator has not confirmed the candidate's presence yet."""

    status = 403
