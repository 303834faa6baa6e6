class OrgaError(Exception):
    """A request the rules refuse, with a message in French for the user."""
