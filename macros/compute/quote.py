"""Quote arithmetic: pure functions on ``Decimal``, no YAML, no HTML.

Every amount is rounded to the cent, half away from zero (``ROUND_HALF_UP``),
as French invoices do: each line first, then the VAT on the total HT.
The stop rule (a factor, 0.5 for the concertation offer) reduces the base
fee only: the options carried out are charged as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["CENT", "Line", "Quote", "compute_quote", "round_cents", "valid_until"]

CENT = Decimal("0.01")


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    label: str
    quantity: int
    unit: str
    unit_price: Decimal
    amount: Decimal
    detail: str | None = None


@dataclass(frozen=True)
class Quote:
    lines: tuple[Line, ...]
    total_ht: Decimal
    vat_rate: Decimal
    vat: Decimal
    total_ttc: Decimal
    stop_factor: Decimal | None = None


def _line(label: str, quantity: int, unit: str, unit_price: Decimal, detail: str | None = None) -> Line:
    if unit_price < 0:
        raise ValueError(f"prix négatif pour « {label} » : {unit_price}")
    return Line(label, quantity, unit, unit_price, round_cents(unit_price * quantity), detail)


def compute_quote(
    base: tuple[str, Decimal],
    options: Iterable[tuple[str, int, str, Decimal]] = (),
    *,
    vat_rate: Decimal,
    stop_factor: Decimal | None = None,
    base_detail: str | None = None,
) -> Quote:
    """``base`` is (label, price HT); ``options`` are (label, quantity, unit, unit price HT).

    ``vat_rate`` is in percent (20 for France). With ``stop_factor`` the base
    fee is multiplied by it (the mission stopped before its workshop).
    """
    label, price = base
    base_price = round_cents(price * stop_factor) if stop_factor is not None else price
    lines = [_line(label, 1, "forfait", base_price, base_detail)]
    lines += [_line(name, qty, unit, unit_price) for name, qty, unit, unit_price in options]
    total_ht = sum((line.amount for line in lines), Decimal("0.00"))
    vat = round_cents(total_ht * vat_rate / 100)
    return Quote(tuple(lines), total_ht, vat_rate, vat, total_ht + vat, stop_factor)


def valid_until(issued: date, days: int) -> date:
    return issued + timedelta(days=days)
