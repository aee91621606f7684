"""Authentication and authorization: who is calling, and may they touch this spreadsheet.

    IdentityVerifier   Authorization header -> Caller (Google identity token, or anonymous)
    EditorCheck        Caller + spreadsheet id -> None or Forbidden
    SchedulerGuard     request headers -> scheduler Caller or Forbidden
    check_startup      Settings -> warnings, or ValueError when unsafe

Flask-free: the app passes headers in and maps our errors to responses.
"""

from __future__ import annotations

from service.auth.caller import ANONYMOUS, Caller, CallerKind
from service.auth.certs import CachedCertsRequest
from service.auth.editors import AllowlistEditorCheck, DriveEditorCheck, EditorCheck
from service.auth.identity import IdentityVerifier, bearer_token
from service.auth.scheduler import SchedulerGuard
from service.auth.startup import AUTH_OFF_WARNING, check_startup

__all__ = [
    "ANONYMOUS",
    "AUTH_OFF_WARNING",
    "AllowlistEditorCheck",
    "CachedCertsRequest",
    "Caller",
    "CallerKind",
    "DriveEditorCheck",
    "EditorCheck",
    "IdentityVerifier",
    "SchedulerGuard",
    "bearer_token",
    "check_startup",
]
