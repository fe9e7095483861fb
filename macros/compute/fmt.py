"""French formatting of money, numbers and dates, as Babel writes them."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

__all__ = ["count", "day", "days_span", "euros", "half_up", "number", "rounded", "share"]

LOCALE = "fr_FR"


def euros(amount: Decimal | int, *, cents: bool | None = None) -> str:
    """``5 000 €`` for whole amounts, ``1 234,50 €`` otherwise (Babel's spaces)."""
    value = Decimal(amount)
    if cents is None:
        cents = value != value.to_integral_value()
    pattern = "#,##0.00\u00a0¤" if cents else "#,##0\u00a0¤"
    return format_currency(value, "EUR", format=pattern, locale=LOCALE, currency_digits=False)


def number(value: Decimal | int | float) -> str:
    return format_decimal(value, locale=LOCALE)


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


def count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 atelier``, ``4 ateliers`` (0 takes the singular in French)."""
    word = singular if n <= 1 else (plural or singular + "s")
    return f"{number(n)}\u00a0{word}"


def day(value: date, pattern: str = "d MMMM y") -> str:
    return format_date(value, pattern, locale=LOCALE)


def days_span(start: date, end: date | None) -> str:
    if end is None or end == start:
        return day(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"du {start.day}{'er' if start.day == 1 else ''} au {day(end)}"
    return f"du {day(start)} au {day(end)}"
