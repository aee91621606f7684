"""The registry's tables, as SQLAlchemy 2 typed ORM classes.

The hand-written migration in `migrations/versions/` creates exactly these; a
test compares the two so they cannot drift apart.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "EnrolmentRow",
    "LeaseRow",
    "QuotaKindRow",
    "QuotaUseRow",
    "RunRow",
    "TabRow",
    "UtcDateTime",
]

SPREADSHEET_ID = 128
TASK_NAME = 500


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC instant on every backend.

    SQLite has no time zone type, so instants are stored there as naive UTC text
    (whose fixed format still sorts and compares correctly) and re-tagged as UTC
    when read back.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive times; store UTC."""
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("the registry stores timezone-aware times only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Hand back aware UTC times whatever the backend returned."""
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    """Declarative base with stable constraint names, so migrations can name them."""

    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(table_name)s_%(column_0_N_name)s",
            "uq": "uq_%(table_name)s_%(column_0_N_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "pk": "pk_%(table_name)s",
        }
    )
    type_annotation_map = {datetime: UtcDateTime()}


class EnrolmentRow(Base):
    """A spreadsheet enrolled for scheduled syncs."""

    __tablename__ = "enrolments"

    spreadsheet_id: Mapped[str] = mapped_column(String(SPREADSHEET_ID), primary_key=True)
    enrolled_by: Mapped[str] = mapped_column(String(320))
    enrolled_at: Mapped[datetime]
    schedule_minutes: Mapped[int] = mapped_column(Integer)
    paused: Mapped[bool] = mapped_column(Boolean)
    # Permanent sync failures in a row; at PAUSE_AFTER_FAILURES the enrolment pauses.
    failures: Mapped[int] = mapped_column(Integer, server_default=text("0"))
    # Kept in step with last_synced_at + schedule so `due` is one indexed range scan.
    next_sync_at: Mapped[datetime]
    last_synced_at: Mapped[datetime | None]
    last_outcome: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (Index(None, "paused", "next_sync_at"),)


class TabRow(Base):
    """A scorecard tab seen in an enrolled spreadsheet."""

    __tablename__ = "tabs"

    spreadsheet_id: Mapped[str] = mapped_column(String(SPREADSHEET_ID), primary_key=True)
    sheet_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100))
    person: Mapped[str] = mapped_column(String(200))
    seen_at: Mapped[datetime]


class RunRow(Base):
    """One provision, validate or sync run and its cost."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    spreadsheet_id: Mapped[str] = mapped_column(String(SPREADSHEET_ID))
    kind: Mapped[str] = mapped_column(String(16))
    task_name: Mapped[str | None] = mapped_column(String(TASK_NAME))
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(16))
    reads: Mapped[int] = mapped_column(Integer, default=0)
    writes: Mapped[int] = mapped_column(Integer, default=0)
    rows: Mapped[int] = mapped_column(Integer, default=0)
    changed_cells: Mapped[int] = mapped_column(Integer, default=0)
    flags: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        Index(None, "spreadsheet_id", "id"),
        Index(None, "task_name"),
    )


class LeaseRow(Base):
    """Who is syncing a spreadsheet right now, and until when."""

    __tablename__ = "leases"

    spreadsheet_id: Mapped[str] = mapped_column(String(SPREADSHEET_ID), primary_key=True)
    holder: Mapped[str] = mapped_column(String(200))
    expires_at: Mapped[datetime]


class QuotaKindRow(Base):
    """One row per request kind; taking it serialises every instance's budget check."""

    __tablename__ = "quota_kinds"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    touched_at: Mapped[float] = mapped_column(Float)


class QuotaUseRow(Base):
    """One Sheets request of a kind, at a wall-clock time (seconds since the epoch)."""

    __tablename__ = "quota_uses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    used_at: Mapped[float] = mapped_column(Float)

    __table_args__ = (Index(None, "kind", "used_at"),)
