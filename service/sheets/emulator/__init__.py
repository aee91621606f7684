"""A local, stateful Google Sheets API v4 emulator, mounted on a `requests` session.

emu = SheetsEmulator()                      # or SheetsEmulator(Path("var/sheets.db"))
mount_emulator(session, emu)                # https://sheets.googleapis.com/ + Drive files
emu.faults.add(Fault(endpoint="batchUpdate", status=429, times=1))
"""

from .adapter import EmulatorAdapter, mount_emulator
from .emulator import SheetsEmulator
from .errors import ApiError
from .faults import Counts, Fault, Quota, RequestRecord

__all__ = [
    "ApiError",
    "Counts",
    "EmulatorAdapter",
    "Fault",
    "Quota",
    "RequestRecord",
    "SheetsEmulator",
    "mount_emulator",
]
