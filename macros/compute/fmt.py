"""French formatting of money, numbers, dates and times: one rule each, for every output.

Babel writes the figures; three French rules are added here because Babel does
not apply them: the first of a month is « 1er » (« le 1er juillet »), digit
groups are separated by a no-break space of normal width (U+00A0: Babel's narrow
U+202F nearly vanishes in print, « 31 500 » read as « 31500 »), and a time of
day is « 14 h » or « 14 h 15 », never « 14:15 ». The staff time of services is
always counted in « jours-agent ».
"""

from __future__ import annotations

import re
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

__all__ = [
    "NBSP",
    "NNBSP",
    "agent_days",
    "clock",
    "clock_span",
    "count",
    "day",
    "days_span",
    "euros",
    "half_up",
    "number",
    "rounded",
    "share",
]

LOCALE = "fr_FR"
NBSP = "\u00a0"
NNBSP = "\u202f"

# A day-of-month field of a CLDR pattern (``d``, not ``dd``), outside quoted text.
_DAY_FIELD = re.compile(r"(?<![d'])d(?!d)")


def _groups(text: str) -> str:
    return text.replace(NNBSP, NBSP)


def euros(amount: Decimal | int, *, cents: bool | None = None) -> str:
    """``5 000 €`` for whole amounts, ``1 234,50 €`` otherwise (no-break spaces)."""
    value = Decimal(amount)
    if cents is None:
        cents = value != value.to_integral_value()
    pattern = "#,##0.00\u00a0¤" if cents else "#,##0\u00a0¤"
    return _groups(format_currency(value, "EUR", format=pattern, locale=LOCALE, currency_digits=False))


def number(value: Decimal | int | float) -> str:
    """``30 000``, ``82,5``: French decimals, digit groups joined by U+00A0."""
    return _groups(format_decimal(value, locale=LOCALE))


def half_up(value: Fraction | Decimal | int | float, digits: int = 0) -> Decimal:
    """The value as it is displayed, halves up (never half to even): colours, ranks and
    gates compare this, so that a cell printed « 40 » is never judged as 39,98."""
    if isinstance(value, Fraction):
        exact = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        exact = Decimal(str(value))
    return exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def rounded(value: Fraction | Decimal | int | float, digits: int = 0) -> str:
    """Rounded for display the French way, halves up: ``64,9`` or ``65`` (never half to even)."""
    return number(half_up(value, digits))


def share(part: int, whole: int) -> str:
    """A percentage that never says 100 while something is missing, nor 0 once something is there."""
    value = half_up(Fraction(part * 100, whole)) if whole else Decimal(0)
    if part < whole and value >= 100:
        value = Decimal(99)
    if 0 < part and value <= 0:
        value = Decimal(1)
    return number(value)


def count(n: int | Decimal, singular: str, plural: str | None = None, *, space: str = NBSP) -> str:
    """``1 atelier``, ``4 ateliers``, ``1,5 jour`` (below 2, French takes the singular).

    ``space=" "`` for terminal messages, which are searched and copied as plain text.
    """
    word = singular if n < 2 else (plural or singular + "s")
    return f"{number(n)}{space}{word}"


def agent_days(n: int | Decimal) -> str:
    """``19 jours-agent``, ``0,5 jour-agent``: the one word for the staff time of services."""
    return count(n, "jour-agent", "jours-agent")


def day(value: date, pattern: str = "d MMMM y") -> str:
    """``1er juillet 2027``, ``mardi 20 avril 2027`` (Babel pattern; « 1er » added)."""
    if value.day == 1:
        pattern = _DAY_FIELD.sub("'1er'", pattern)
    return format_date(value, pattern, locale=LOCALE)


def days_span(start: date, end: date | None) -> str:
    """``le 3 mars 2027``-style spans: ``du 1er au 15 février 2027``, ``du 28 février au 3 mars 2027``."""
    if end is None or end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"du {day(start, 'd')} au {day(end)}"
    if start.year == end.year:
        return f"du {day(start, 'd MMMM')} au {day(end)}"
    return f"du {day(start)} au {day(end)}"


def _as_time(value: time | str) -> time:
    if isinstance(value, time):
        return value
    hour, minute = re.split(r"\s*[:h]\s*", value.strip())
    return time(int(hour), int(minute or 0))


def clock(value: time | str) -> str:
    """``14 h``, ``14 h 15``, ``9 h 05``: the one way the kit writes a time of day."""
    t = _as_time(value)
    return f"{t.hour}{NBSP}h" + (f"{NBSP}{t.minute:02d}" if t.minute else "")


def clock_span(start: time | str, end: time | str) -> str:
    """``14 h – 14 h 15`` for a row of a run-sheet."""
    return f"{clock(start)} – {clock(end)}"
