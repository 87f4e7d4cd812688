"""The store's domain errors, all in one place. Views and the CLI map them to HTTP answers and
messages (``NotFound`` to 404, ``Forbidden`` to 403, and so on); the store never speaks HTTP.
"""
from __future__ import annotations

from typing import Sequence


class NotFound(Exception):
    """The record does not exist, or the user may not see it (callers cannot tell which)."""


class UnknownSchool(Exception):
    def __init__(self, slugs: Sequence[str]) -> None:
        super().__init__(", ".join(slugs))
        self.slugs = list(slugs)


class UnknownBoard(Exception):
    def __init__(self, slug: str) -> None:
        super().__init__(slug)
        self.slug = slug


class InvalidCredentials(Exception):
    """Unknown e-mail address, wrong password or deactivated account (deliberately not told
    apart)."""


class UnknownUser(Exception):
    pass


class AlreadyClaimed(Exception):
    """Someone else already picked this intake up."""


class NotShareable(Exception):
    """The intake's school has no board, so there is no vertrouwenspersoon to share with."""


class Forbidden(Exception):
    """The user may see the intake but their role may not do this with it."""


class TooManyMessages(Exception):
    """The reporter sent the most replies allowed within the window on this intake."""


class InvalidLinkCode(Exception):
    """The link code is unknown, used, expired, or its user is deactivated (not told apart)."""


class NoSuccessor(Exception):
    """The successor of a case transfer is the leaver, inactive, or not a contact person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
