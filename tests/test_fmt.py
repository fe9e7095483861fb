"""French display formatting shared by every widget, the gates and the CLI."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from macros.compute.fmt import number, rounded
from macros.render.widgets.roi_common import points


def test_rounding_is_half_up_everywhere():
    # Python's round() gives 64 here (half to even): the kit shows 65 on every page.
    assert round(Fraction(129, 2)) == 64
    assert rounded(Fraction(129, 2)) == "65"
    assert rounded(Decimal("82.45"), 1) == "82,5"
    assert rounded(96.96969) == "97"
    assert points is rounded


def test_numbers_are_french():
    assert number(Decimal("82.5")) == "82,5"
    assert number(30000) == "30\u00a0000"  # a normal-width no-break space: U+202F nearly vanishes in print
