"""SQLite persistence: one row per spreadsheet holding its JSON document.

Every API call is one transaction (`BEGIN IMMEDIATE` for writes), so writers in several
threads and processes serialise on the database lock and no update is lost.

Parsing a large document's JSON dominates the cost of a call, so each process keeps the
parsed document of the last version it saw; a version column tells when another process
has written since. Readers share the cached object (they never modify it); writers work
on a private copy that replaces the cached one only once it is committed.
"""

from __future__ import annotations

import json
import marshal
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .document import Doc

__all__ = ["Store", "Transaction", "drive_timestamp"]


def drive_timestamp(now: float | None = None) -> str:
    """A time (default: now) as Drive writes it: RFC 3339 UTC with milliseconds."""
    now = time.time() if now is None else now
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(now)) + f".{int(now % 1 * 1000):03d}Z"


_SCHEMA = """
CREATE TABLE IF NOT EXISTS spreadsheets (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    shared INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 0,
    modified TEXT NOT NULL DEFAULT ''
)
"""
# Drive's modifiedTime, kept beside the document so `files.list` can filter on it
# without parsing every spreadsheet; added to stores made before it existed.
_ADD_MODIFIED = "ALTER TABLE spreadsheets ADD COLUMN modified TEXT NOT NULL DEFAULT ''"


_Cache = dict[str, tuple[int, Doc]]


def _create_schema(db: sqlite3.Connection) -> None:
    db.execute(_SCHEMA)
    columns = {row[1] for row in db.execute("PRAGMA table_info(spreadsheets)")}
    if "modified" not in columns:
        db.execute(_ADD_MODIFIED)


class Transaction:
    """Reads and writes inside one database transaction."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        cache: _Cache,
        write: bool,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = connection
        self._cache = cache
        self._write = write
        self._clock = clock
        self.saved: _Cache = {}

    def _version(self, spreadsheet_id: str) -> int | None:
        row = self._db.execute(
            "SELECT version FROM spreadsheets WHERE id = ?", (spreadsheet_id,)
        ).fetchone()
        return None if row is None else int(row[0])

    def load(self, spreadsheet_id: str) -> Doc | None:
        """Return the stored document (a private copy inside a write transaction), or None."""
        version = self._version(spreadsheet_id)
        if version is None:
            return None
        cached = self._cache.get(spreadsheet_id)
        if cached is None or cached[0] != version:
            row = self._db.execute(
                "SELECT doc FROM spreadsheets WHERE id = ?", (spreadsheet_id,)
            ).fetchone()
            cached = (version, json.loads(row[0]))
            self._cache[spreadsheet_id] = cached
        # marshal copies plain JSON-shaped data several times faster than copy.deepcopy; the
        # bytes never leave this process, so there is no untrusted input to deserialise.
        doc: Doc = (
            marshal.loads(marshal.dumps(cached[1]))  # noqa: S302
            if self._write
            else cached[1]
        )
        return doc

    def save(self, doc: Doc) -> None:
        """Insert or replace a document (keeping its sharing flag) and bump its version.

        Every save is a change, so it also moves the Drive file's `modifiedTime` on.
        """
        modified = drive_timestamp(self._clock())
        doc.setdefault("driveFile", {})["modifiedTime"] = modified
        text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
        sid = doc["spreadsheetId"]
        self._db.execute(
            "INSERT INTO spreadsheets (id, doc, version, modified) VALUES (?, ?, 1, ?) "
            "ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, version = version + 1, "
            "modified = excluded.modified",
            (sid, text, modified),
        )
        self.saved[sid] = (self._version(sid) or 0, doc)

    def delete(self, spreadsheet_id: str) -> bool:
        """Delete a document; tell whether it existed."""
        cursor = self._db.execute("DELETE FROM spreadsheets WHERE id = ?", (spreadsheet_id,))
        return cursor.rowcount > 0

    def ids(self) -> list[str]:
        """Every stored spreadsheet id, sorted."""
        return [row[0] for row in self._db.execute("SELECT id FROM spreadsheets ORDER BY id")]

    def ids_modified_after(self, stamp: str) -> list[str]:
        """Ids of the spreadsheets saved after `stamp` (a `drive_timestamp`: compares as text)."""
        query = "SELECT id FROM spreadsheets WHERE modified > ? ORDER BY id"
        return [row[0] for row in self._db.execute(query, (stamp,))]

    def shared(self, spreadsheet_id: str) -> bool:
        """Whether the caller may access this spreadsheet."""
        row = self._db.execute(
            "SELECT shared FROM spreadsheets WHERE id = ?", (spreadsheet_id,)
        ).fetchone()
        return row is None or bool(row[0])

    def set_shared(self, spreadsheet_id: str, allowed: bool) -> None:
        """Grant or revoke the caller's access."""
        self._db.execute(
            "UPDATE spreadsheets SET shared = ? WHERE id = ?", (int(allowed), spreadsheet_id)
        )


class Store:
    """A SQLite file shared across processes, or a private in-memory database."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.clock: Callable[[], float] = time.time  # stamps Drive's modifiedTime
        self._local = threading.local()
        # In-memory mode has a single connection, so its transactions take turns on a lock.
        self._memory_lock = threading.Lock()
        self._memory: sqlite3.Connection | None = None
        self._cache: _Cache = {}
        if path is None:
            self._memory = sqlite3.connect(
                ":memory:", check_same_thread=False, isolation_level=None
            )
            _create_schema(self._memory)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            with self._connection() as db:
                _create_schema(db)

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        if self._memory is not None:
            with self._memory_lock:
                yield self._memory
            return
        # Connections must not cross a fork: key them by process as well as by thread.
        key = os.getpid()
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None or getattr(self._local, "pid", None) != key:
            db = sqlite3.connect(str(self.path), timeout=60.0, isolation_level=None)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            self._local.db, self._local.pid = db, key
        yield db

    @contextmanager
    def transaction(self, write: bool) -> Iterator[Transaction]:
        """Run one transaction; writes take the database lock up front (BEGIN IMMEDIATE)."""
        with self._connection() as db:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            tx = Transaction(db, self._cache, write, self.clock)
            try:
                yield tx
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
            self._cache.update(tx.saved)
