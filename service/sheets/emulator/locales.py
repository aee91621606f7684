"""What a spreadsheet's locale decides: number marks, date order, boolean words, currency.

Number format patterns are always written in en_US syntax in the API (`#,##0.00`); the
locale only changes how they render and how typed text is read (Sheets "Date and number
formats" guide). Unknown locales fall back to en_US, as a new spreadsheet's default.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LOCALES", "Locale", "locale_of"]

# fr_FR groups thousands with a narrow no-break space; typed text may use any space.
_NARROW_NBSP = "\u202f"
_EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_EN_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DE_MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)
_DE_DAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_FR_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_FR_DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


@dataclass(frozen=True)
class Locale:
    """The locale rules the emulator applies when reading typed text and rendering values."""

    code: str
    decimal: str
    group: str
    # Accepted when typed as a thousands separator (the rendered one comes first).
    group_inputs: tuple[str, ...]
    date_order: str  # "MDY" or "DMY": how a typed d/m/y date is read
    date_separators: tuple[str, ...]
    date_pattern: str  # what a typed locale-order date is formatted as
    time_pattern: str  # the TIME format's default pattern
    date_time_pattern: str  # the DATE_TIME format's default pattern (a 24-hour clock)
    true_word: str
    false_word: str
    currency: str
    currency_first: bool  # "$1,200" versus "1.200,50 €"
    months: tuple[str, ...]  # January first; `mmm` shows the first three letters
    weekdays: tuple[str, ...]  # Monday first; `ddd` shows the first three letters

    def currency_pattern(self, decimals: int) -> str:
        """The CURRENCY pattern a typed amount gets ("$"#,##0.00 or #,##0.00 "€")."""
        number = "#,##0" + ("." + "0" * decimals if decimals else "")
        symbol = f'"{self.currency}"'
        return f"{symbol}{number}" if self.currency_first else f"{number} {symbol}"


LOCALES: dict[str, Locale] = {
    "en_US": Locale(
        code="en_US",
        decimal=".",
        group=",",
        group_inputs=(",",),
        date_order="MDY",
        date_separators=("/",),
        date_pattern="M/d/yyyy",
        time_pattern="h:mm:ss am/pm",
        date_time_pattern="M/d/yyyy H:mm:ss",
        true_word="TRUE",
        false_word="FALSE",
        currency="$",
        currency_first=True,
        months=_EN_MONTHS,
        weekdays=_EN_DAYS,
    ),
    "en_GB": Locale(
        code="en_GB",
        decimal=".",
        group=",",
        group_inputs=(",",),
        date_order="DMY",
        date_separators=("/",),
        date_pattern="dd/MM/yyyy",
        time_pattern="HH:mm:ss",
        date_time_pattern="dd/MM/yyyy HH:mm:ss",
        true_word="TRUE",
        false_word="FALSE",
        currency="£",
        currency_first=True,
        months=_EN_MONTHS,
        weekdays=_EN_DAYS,
    ),
    "de_DE": Locale(
        code="de_DE",
        decimal=",",
        group=".",
        group_inputs=(".",),
        date_order="DMY",
        date_separators=(".",),
        date_pattern="dd.MM.yyyy",
        time_pattern="HH:mm:ss",
        date_time_pattern="dd.MM.yyyy HH:mm:ss",
        true_word="WAHR",
        false_word="FALSCH",
        currency="€",
        currency_first=False,
        months=_DE_MONTHS,
        weekdays=_DE_DAYS,
    ),
    "fr_FR": Locale(
        code="fr_FR",
        decimal=",",
        group=_NARROW_NBSP,
        group_inputs=(_NARROW_NBSP, "\u00a0", " "),
        date_order="DMY",
        date_separators=("/",),
        date_pattern="dd/MM/yyyy",
        time_pattern="HH:mm:ss",
        date_time_pattern="dd/MM/yyyy HH:mm:ss",
        true_word="VRAI",
        false_word="FAUX",
        currency="€",
        currency_first=False,
        months=_FR_MONTHS,
        weekdays=_FR_DAYS,
    ),
}


def locale_of(code: str | None) -> Locale:
    """The rules for a locale code (`de_DE`, also `de`); unknown codes read as en_US."""
    if code in LOCALES:
        return LOCALES[code]
    language = (code or "").split("_")[0]
    for locale in LOCALES.values():
        if locale.code.split("_")[0] == language:
            return locale
    return LOCALES["en_US"]
