"""Editor checks: only people who may edit a spreadsheet get to change it."""

from __future__ import annotations

import pytest

from service.auth import ANONYMOUS, AllowlistEditorCheck, Caller, DriveEditorCheck
from service.errors import Forbidden, NotFound, NotShared, QuotaExhausted, Unavailable
from service.settings import Settings
from tests.auth.conftest import DriveFile, FakeClock, FakeDrive, drive_session

SA = "scorecard@team-project.iam.gserviceaccount.com"
SHEET = "sheet-1"
MANAGER = Caller(email="Manager@Example.com", subject="1", domain="example.com", kind="user")
OUTSIDER = Caller(email="visitor@other.org", subject="2", domain="other.org", kind="user")
SCHEDULER = Caller(email="cron@appengine", subject="cron", kind="scheduler")


def _permission(kind: str, role: str, **extra: str) -> dict[str, str]:
    return {"type": kind, "role": role, **extra}


def _drive(*permissions: dict[str, str], sa_role: str = "writer") -> FakeDrive:
    return FakeDrive({SHEET: DriveFile(list(permissions), service_account_role=sa_role)})


def _check(drive: FakeDrive, clock: FakeClock | None = None) -> DriveEditorCheck:
    return DriveEditorCheck(
        drive_session(drive), clock=clock or FakeClock(), service_account_email=SA
    )


OWNER = _permission("user", "owner", emailAddress="owner@example.com")
SERVICE = _permission("user", "writer", emailAddress=SA)


@pytest.mark.parametrize(
    "grant",
    [
        _permission("user", "writer", emailAddress="manager@example.com"),
        _permission("user", "owner", emailAddress="MANAGER@example.com"),
        _permission("user", "fileOrganizer", emailAddress="manager@example.com"),
        _permission("user", "organizer", emailAddress="manager@example.com"),
        _permission("domain", "writer", domain="Example.com"),
    ],
)
def test_editors_pass(grant: dict[str, str]) -> None:
    # The matching grant sits on the last page, after two pages of others.
    drive = _drive(OWNER, SERVICE, _permission("user", "reader", emailAddress="x@y.z"), grant)
    _check(drive).check(MANAGER, SHEET)


@pytest.mark.parametrize(
    "grant",
    [
        _permission("user", "reader", emailAddress="manager@example.com"),
        _permission("user", "commenter", emailAddress="manager@example.com"),
        _permission("domain", "reader", domain="example.com"),
        _permission("domain", "writer", domain="example.org"),
        _permission("group", "writer", emailAddress="team@example.com"),
        _permission("anyone", "writer"),
    ],
)
def test_non_editors_are_forbidden(grant: dict[str, str]) -> None:
    with pytest.raises(Forbidden) as refused:
        _check(_drive(OWNER, SERVICE, grant)).check(MANAGER, SHEET)
    assert refused.value.code == "forbidden"
    assert "You need edit access to this spreadsheet" in refused.value.message


def test_domain_grant_needs_a_workspace_caller() -> None:
    consumer = Caller(email="manager@example.com", subject="3", domain=None, kind="user")
    drive = _drive(OWNER, _permission("domain", "writer", domain="example.com"))
    with pytest.raises(Forbidden):
        _check(drive).check(consumer, SHEET)


def test_a_yes_is_cached_for_the_ttl() -> None:
    clock = FakeClock()
    drive = _drive(_permission("user", "writer", emailAddress="manager@example.com"))
    check = _check(drive, clock)
    for _ in range(5):
        check.check(MANAGER, SHEET)
    assert drive.requests == 1
    clock.advance(301)
    check.check(MANAGER, SHEET)
    assert drive.requests == 2


def test_a_no_is_not_cached() -> None:
    drive = _drive(OWNER)
    check = _check(drive)
    with pytest.raises(Forbidden):
        check.check(MANAGER, SHEET)
    drive.files[SHEET].permissions.append(
        _permission("user", "writer", emailAddress="manager@example.com")
    )
    check.check(MANAGER, SHEET)


def test_unknown_spreadsheet_is_not_found() -> None:
    with pytest.raises(NotFound) as missing:
        _check(_drive(OWNER)).check(MANAGER, "no-such-sheet")
    assert SA in missing.value.message


def test_spreadsheet_not_shared_with_the_service_account() -> None:
    with pytest.raises(NotShared) as refused:
        _check(_drive(OWNER, sa_role="reader")).check(MANAGER, SHEET)
    assert refused.value.status == 403
    assert refused.value.message == f"Share this spreadsheet with {SA} as Editor, then try again."
    assert refused.value.fields["share_with"] == SA


def _google_error(domain: str, reason: str) -> dict[str, object]:
    """An error body in the shape Drive v3 documents (`error.errors[]` with domain and reason)."""
    message = f"{reason} for this test"
    return {
        "error": {
            "code": 403,
            "message": message,
            "errors": [{"domain": domain, "reason": reason, "message": message}],
        }
    }


@pytest.mark.parametrize(
    ("status", "body", "error"),
    [
        (429, {}, QuotaExhausted),
        (403, {"error": {"errors": [{"reason": "userRateLimitExceeded"}]}}, QuotaExhausted),
        (403, _google_error("usageLimits", "rateLimitExceeded"), QuotaExhausted),
        (429, _google_error("usageLimits", "rateLimitExceeded"), QuotaExhausted),
        (403, _google_error("usageLimits", "dailyLimitExceeded"), QuotaExhausted),
        (403, _google_error("usageLimits", "someFutureLimit"), QuotaExhausted),
        (403, _google_error("global", "insufficientFilePermissions"), NotShared),
        (403, _google_error("usageLimits", "storageQuotaExceeded"), NotShared),
        (403, {"error": "not an object"}, NotShared),
        (503, {}, Unavailable),
    ],
)
def test_drive_failures_become_our_errors(
    status: int, body: dict[str, object], error: type[Exception]
) -> None:
    drive = _drive(OWNER)
    drive.answer = lambda file_id: (status, body)
    with pytest.raises(error):
        _check(drive).check(MANAGER, SHEET)


def test_scheduler_and_anonymous_need_no_drive_call() -> None:
    drive = _drive()
    check = _check(drive)
    check.check(SCHEDULER, SHEET)
    check.check(ANONYMOUS, SHEET)
    assert drive.requests == 0


def test_allowlist_accepts_listed_emails_and_domains() -> None:
    check = AllowlistEditorCheck(
        Settings(auth_allowed_emails=("visitor@OTHER.org",), auth_allowed_domains=("example.com",))
    )
    check.check(MANAGER, SHEET)
    check.check(OUTSIDER, SHEET)
    check.check(SCHEDULER, SHEET)


def test_allowlist_refuses_everyone_else() -> None:
    check = AllowlistEditorCheck(Settings(auth_allowed_domains=("example.com",)))
    with pytest.raises(Forbidden, match="You need edit access"):
        check.check(OUTSIDER, SHEET)
