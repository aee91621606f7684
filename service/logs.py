"""Logging: JSON lines for Cloud Logging, readable lines in a terminal."""

from __future__ import annotations

import json
import logging
import re
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

__all__ = ["TRACE_KEY", "configure_logging", "request_id_var", "trace_fields", "trace_var"]

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")
# Cloud Logging's correlation fields for the current request (empty outside one).
trace_var: ContextVar[dict[str, object]] = ContextVar("trace", default={})  # noqa: B039

TRACE_KEY = "logging.googleapis.com/trace"
# X-Cloud-Trace-Context: TRACE_ID/SPAN_ID;o=OPTIONS (span and options may be missing).
_TRACE_HEADER = re.compile(r"^([0-9a-fA-F]{1,32})(?:/([0-9]{1,20}))?(?:;o=([01]))?$")


def trace_fields(header: str | None, project: str) -> dict[str, object]:
    """The Cloud Logging fields that group a request's lines, from X-Cloud-Trace-Context.

    Empty without a project id (GOOGLE_CLOUD_PROJECT) or with a malformed header.
    """
    match = _TRACE_HEADER.match((header or "").strip())
    if not project or match is None:
        return {}
    trace_id, span_id, sampled = match.groups()
    fields: dict[str, object] = {TRACE_KEY: f"projects/{project}/traces/{trace_id}"}
    if span_id:
        fields["logging.googleapis.com/spanId"] = span_id
    if sampled is not None:
        fields["logging.googleapis.com/trace_sampled"] = sampled == "1"
    return fields


_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line, with the keys Cloud Logging reads (severity, message)."""

    def format(self, record: logging.LogRecord) -> str:
        """Render a record as a JSON line."""
        entry: dict[str, object] = {
            "severity": record.levelname,
            "message": record.getMessage(),
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "logger": record.name,
            "request_id": request_id_var.get(),
            **trace_var.get(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            entry["stack_trace"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """A readable line for people at a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        """Render a record as `time LEVEL [request] message`."""
        stamp = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        line = f"{stamp} {record.levelname:<7} [{request_id_var.get()}] {record.getMessage()}"
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(level: str, fmt: str = "auto") -> None:
    """Send the `service` loggers to stdout as JSON (or text at a terminal)."""
    use_json = fmt == "json" or (fmt == "auto" and not sys.stdout.isatty())
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter() if use_json else TextFormatter())
    logger = logging.getLogger("service")
    logger.handlers[:] = [handler]
    logger.setLevel(level)
    logger.propagate = False
