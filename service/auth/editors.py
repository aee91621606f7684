"""May this caller edit this spreadsheet? The identity token only says who they are.

Two answers, chosen by configuration:

- `AllowlistEditorCheck` trusts a fixed list of emails and Workspace domains
  (`SCORECARD_AUTH_ALLOWED_EMAILS`, `SCORECARD_AUTH_ALLOWED_DOMAINS`).
- `DriveEditorCheck` asks Drive who may edit the file, as the service account,
  and accepts the caller when a `user` grant names their email or a `domain`
  grant names their Workspace domain, with an editing role. Grants to Google
  *groups* are not resolved (that needs the Admin SDK or Cloud Identity), so a
  person who edits only through a group is refused: share with them directly.
  "Anyone with the link" grants are ignored on purpose.

The scheduler and the anonymous caller (auth off) are not people and pass both.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol

import requests

from service.auth.caller import Caller
from service.errors import (
    ErrorCode,
    Forbidden,
    NotFound,
    NotShared,
    QuotaExhausted,
    Unavailable,
    UpstreamError,
)
from service.settings import Settings
from service.sheets.retry import quota_refusal

__all__ = [
    "EDITING_ROLES",
    "AllowlistEditorCheck",
    "DriveEditorCheck",
    "EditorCheck",
    "drive_permissions_url",
]

EDITING_ROLES = frozenset({"owner", "organizer", "fileOrganizer", "writer"})
_DRIVE_FILES = "https://www.googleapis.com/drive/v3/files"
_FIELDS = "nextPageToken,permissions(type,role,emailAddress,domain)"
_MAX_PAGES = 50
_TIMEOUT_SECONDS = 15.0


def _refuse(caller: Caller, spreadsheet_id: str) -> Forbidden:
    return Forbidden(
        f"You need edit access to this spreadsheet; {caller.email} cannot edit it. "
        "Ask its owner to share it with you as Editor, then try again.",
        fields={"spreadsheet_id": spreadsheet_id},
    )


class EditorCheck(Protocol):
    """Decides whether a caller may edit a spreadsheet; raises `Forbidden` when not."""

    def check(self, caller: Caller, spreadsheet_id: str) -> None:
        """Return when `caller` may edit `spreadsheet_id`; raise `Forbidden` otherwise."""
        ...


class AllowlistEditorCheck:
    """Callers whose email or Workspace domain is configured may edit every spreadsheet."""

    def __init__(self, settings: Settings) -> None:
        self._emails = {email.casefold() for email in settings.auth_allowed_emails}
        self._domains = {domain.casefold() for domain in settings.auth_allowed_domains}

    def check(self, caller: Caller, spreadsheet_id: str) -> None:
        """Accept configured emails and domains; refuse everyone else."""
        if caller.kind != "user":
            return
        if caller.email.casefold() in self._emails:
            return
        if caller.domain is not None and caller.domain.casefold() in self._domains:
            return
        raise _refuse(caller, spreadsheet_id)


def drive_permissions_url(spreadsheet_id: str) -> str:
    """The Drive v3 permissions.list URL of a file, shared drives included."""
    return f"{_DRIVE_FILES}/{spreadsheet_id}/permissions"


def _grants_edit(permission: Mapping[str, Any], caller: Caller) -> bool:
    """Whether one Drive permission lets `caller` edit."""
    if permission.get("role") not in EDITING_ROLES:
        return False
    kind = permission.get("type")
    if kind == "user":
        address = permission.get("emailAddress")
        return isinstance(address, str) and address.casefold() == caller.email.casefold()
    if kind == "domain" and caller.domain is not None:
        domain = permission.get("domain")
        return isinstance(domain, str) and domain.casefold() == caller.domain.casefold()
    return False


class DriveEditorCheck:
    """Ask Drive, as the service account, whether the caller may edit; cache yes for a while."""

    def __init__(
        self,
        session: requests.Session,
        ttl_seconds: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
        *,
        service_account_email: str = "",
    ) -> None:
        self._session = session
        self._ttl = ttl_seconds
        self._clock = clock
        self._service_account = service_account_email or "the Scorecard service account"
        # Only "yes" is cached: someone just given access must not wait out the TTL.
        self._allowed_until: dict[tuple[str, str], float] = {}
        self._lock = threading.Lock()

    def check(self, caller: Caller, spreadsheet_id: str) -> None:
        """Return when Drive lists an editing grant for the caller; raise otherwise."""
        if caller.kind != "user":
            return
        key = (caller.email.casefold(), spreadsheet_id)
        with self._lock:
            if self._allowed_until.get(key, float("-inf")) > self._clock():
                return
        if not any(_grants_edit(p, caller) for p in self._permissions(spreadsheet_id)):
            raise _refuse(caller, spreadsheet_id)
        with self._lock:
            self._allowed_until[key] = self._clock() + self._ttl

    def _permissions(self, spreadsheet_id: str) -> Iterator[Mapping[str, Any]]:
        """Every permission on the file, page by page; stops when the caller stops reading."""
        params = {"supportsAllDrives": "true", "fields": _FIELDS, "pageSize": "100"}
        for _ in range(_MAX_PAGES):
            page = self._get(spreadsheet_id, params)
            permissions = page.get("permissions", [])
            if isinstance(permissions, list):
                yield from (p for p in permissions if isinstance(p, dict))
            token = page.get("nextPageToken")
            if not isinstance(token, str) or not token:
                return
            params = {**params, "pageToken": token}

    def _get(self, spreadsheet_id: str, params: Mapping[str, str]) -> Mapping[str, Any]:
        """One permissions.list page; Drive's failures become ours."""
        try:
            response = self._session.get(
                drive_permissions_url(spreadsheet_id), params=params, timeout=_TIMEOUT_SECONDS
            )
        except requests.RequestException as error:
            raise Unavailable("Google Drive did not answer; try again shortly.") from error
        if response.status_code == 200:
            try:
                body = response.json()
            except ValueError as error:
                raise UpstreamError("Google Drive answered with something unreadable.") from error
            return body if isinstance(body, dict) else {}
        raise self._translate(response, spreadsheet_id)

    def _translate(self, response: requests.Response, spreadsheet_id: str) -> Exception:
        """The error of ours that a failed Drive answer means."""
        status = response.status_code
        share = f"Share this spreadsheet with {self._service_account} as Editor, then try again."
        fields = {"spreadsheet_id": spreadsheet_id, "share_with": self._service_account}
        refusal = quota_refusal(status, _error_object(response))
        if refusal is not None:
            return QuotaExhausted(
                f"Google Drive's quota for this {refusal} is used up; try again later.",
                retry_after=60.0 if refusal == "minute" else 3600.0,
            )
        if status == 404:
            # Drive says 404 both for unknown files and for files the account cannot see.
            return NotFound(
                f"Spreadsheet {spreadsheet_id} was not found, or it is not shared with "
                f"the Scorecard service. {share}",
                code=ErrorCode.SPREADSHEET_NOT_FOUND,
                fields=fields,
            )
        if status == 403:
            return NotShared(share, fields=fields)
        if status >= 500:
            return Unavailable("Google Drive is unavailable; try again shortly.")
        return UpstreamError(f"Google Drive answered {status} when listing permissions.")


def _error_object(response: requests.Response) -> Mapping[str, Any]:
    """The `error` object of a Google API error body, or {} when there is none."""
    try:
        body = response.json()
    except ValueError:
        return {}
    error = body.get("error") if isinstance(body, dict) else None
    return error if isinstance(error, dict) else {}
