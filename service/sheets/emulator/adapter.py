"""The `requests` transport adapter that sends a session's Google calls to the emulator."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from .emulator import SheetsEmulator

__all__ = ["EmulatorAdapter", "mount_emulator"]

SHEETS_PREFIX = "https://sheets.googleapis.com/"
DRIVE_PREFIX = "https://www.googleapis.com/drive/"


class EmulatorAdapter(BaseAdapter):
    """Answers every request mounted on it from a SheetsEmulator, without any network."""

    def __init__(self, emulator: SheetsEmulator) -> None:
        super().__init__()
        self.emulator = emulator

    def send(
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: float | tuple[float, float] | tuple[float, None] | None = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """Answer a prepared request (a scripted timeout raises ReadTimeout)."""
        body = request.body
        raw = body.encode("utf-8") if isinstance(body, str) else body
        if raw is not None and not isinstance(raw, bytes):
            raw = b"".join(raw)
        try:
            status, headers, content = self.emulator.handle(
                request.method or "GET", request.url or "", raw
            )
        except requests.exceptions.ReadTimeout as exc:
            raise requests.exceptions.ReadTimeout(str(exc), request=request) from exc
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict(headers)
        response._content = content
        response.encoding = "utf-8"
        response.url = request.url or ""
        response.request = request
        response.reason = "OK" if status < 400 else "Error"
        return response

    def close(self) -> None:
        """Nothing to release."""


def mount_emulator(session: requests.Session, emulator: SheetsEmulator) -> None:
    """Route a session's Sheets and Drive calls to the emulator."""
    adapter = EmulatorAdapter(emulator)
    session.mount(SHEETS_PREFIX, adapter)
    session.mount(DRIVE_PREFIX, adapter)
