"""The PDF step's scheduling (one fresh process per book, by estimated memory)
and the print transforms that keep large books light: wide tables on
landscape pages, bold score cells without their own inline box."""

from __future__ import annotations

import os
import time
from datetime import date

import pikepdf
import pytest
from test_pdf import _books, _site, _text

from macros.errors import KitError
from macros.outputs.pdf.assemble import BookInfo, assemble
from macros.outputs.pdf.pool import _next, run_books
from macros.outputs.pdf.sources import find_pages


def _timed(label: str, seconds: float) -> tuple[str, int, float, float]:
    start = time.monotonic()
    time.sleep(seconds)
    return label, os.getpid(), start, time.monotonic()


def _dies(label: str, seconds: float) -> None:
    os._exit(9)  # as the system's out-of-memory killer would leave it


def _fails(label: str, seconds: float) -> None:
    raise KitError([])


def _overlap(a: tuple[str, int, float, float], b: tuple[str, int, float, float]) -> bool:
    return a[2] < b[3] and b[2] < a[3]


def test_heavy_books_never_side_by_side_small_ones_beside_them():
    args = [("lourd-1", 0.4), ("petit", 0.1), ("lourd-2", 0.4)]
    sizes = [300, 10, 300]
    out = run_books(_timed, args, sizes, ["a", "b", "c"], slots=2, budget=400)
    assert [r[0] for r in out] == ["lourd-1", "petit", "lourd-2"]  # in the order given
    heavy_1, small, heavy_2 = out
    assert not _overlap(heavy_1, heavy_2)
    assert _overlap(small, heavy_1) or _overlap(small, heavy_2)
    assert len({r[1] for r in out} | {os.getpid()}) == 4  # a fresh process per book


def test_a_book_over_the_budget_still_prints_alone():
    out = run_books(_timed, [("enorme", 0.0)], [10_000], ["x"], slots=2, budget=400)
    assert out[0][0] == "enorme"


def test_a_dead_book_process_fails_the_build_with_its_name():
    with pytest.raises(KitError) as caught:
        run_books(_dies, [("x", 0.0), ("y", 0.0)], [1, 1], ["livret-agents.pdf", "autre.pdf"], slots=2)
    message = str(caught.value)
    assert "livret-agents.pdf" in message and "arrêtée brutalement" in message


def test_an_error_in_a_book_is_raised_as_it_was():
    with pytest.raises(KitError):
        run_books(_fails, [("x", 0.0), ("y", 0.0)], [1, 1], ["a", "b"], slots=2)


def _wide_table(columns: int) -> str:
    head = "".join(f'<th scope="col">Public n° {n}</th>' for n in range(columns - 1))
    row = "".join("<td><strong>3</strong> </td>" for _ in range(columns - 1))
    return (
        f'<table class="kit-table"><caption>Notes</caption><thead><tr><th scope="col">Critère</th>{head}</tr></thead>'
        f'<tbody><tr><th scope="row">Temps demandé</th>{row}</tr></tbody></table>'
    )


def test_wide_tables_print_on_landscape_pages_with_bold_cells(tmp_path):
    body = (
        "<p>Introduction.</p><h2>Toutes les notes</h2><p>Avant.</p><details><summary>Toutes les notes</summary>"
        + _wide_table(11)
        + "</details><p>Étroit :</p>"
        + _wide_table(4)
    )
    site, docs = _site(tmp_path, {"roi/notes.md": ("livrets: [agents]", "Notes", body)})
    (book,) = _books(tmp_path, site, docs, worksheet=False)
    with pikepdf.open(book.path) as pdf:
        sizes = [tuple(round(float(v)) for v in page.MediaBox[2:]) for page in pdf.pages]
        assert (842, 595) in sizes and (595, 842) in sizes  # the wide table turned, the rest upright
        assert "/StructTreeRoot" in pdf.Root
    text = _text(book.path)
    assert "Public n° 9" in text  # the last column is on the page, not cut off at its edge
    html = assemble(find_pages(site, docs), _INFO).html
    assert "<strong>" not in html and html.count('class="kit-livret__fort"') == 10 + 3
    # the details around the wide table, with its heading and the sentence before: not the narrow one
    assert html.count("kit-livret__paysage") == 3


_INFO = BookInfo(
    "agents", "Livret des agents", "Ville", "Projet", "Cabinet", "Devise", "1.0", date(2027, 1, 1)
)


def test_short_books_beside_a_long_one_up_to_a_third_of_it():
    sizes = [300, 80, 90, 20]
    assert _next([1, 2, 3], sizes, {0: 0}, budget=350) == 1  # over the budget, but short
    assert _next([2, 3], sizes, {0: 80, 1: 0}, budget=350) == 3  # the 90 would pass the third
    assert _next([2], sizes, {0: 80, 1: 0}, budget=350) is None
    assert _next([2], sizes, {}, budget=10) == 2  # alone, any book starts
