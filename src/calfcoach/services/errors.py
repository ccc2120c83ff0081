"""What a use case can refuse, independent of HTTP or the terminal.

InvalidDocument (calfcoach.coaching.errors)  bad input, the field named   -> 422 / exit 2
ServiceError
  NotFound            nothing of that kind this account may see            -> 404
  Forbidden           the account's role cannot do this                    -> 403
  Conflict            clashes with what is stored (email taken, raced)     -> 409
  SignInFailed        wrong email or password                              -> 401
  TooManyAttempts     too many failed sign-ins; wait                       -> 429
"""

from __future__ import annotations


class ServiceError(Exception):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(ServiceError):
    pass


class Forbidden(ServiceError):
    pass


class Conflict(ServiceError):
    pass


class SignInFailed(ServiceError):
    pass


class TooManyAttempts(ServiceError):
    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class NotSignedIn(ServiceError):
    """No valid token or session: sign in first (401, or the sign-in page)."""
