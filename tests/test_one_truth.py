"""One truth: every page of the built demo, both sites and the PDF handbooks, tells the same story.

The shared facts (the decision, who takes it and when; what is open; the
feedback to participants and its dates) come from one computation
(:mod:`macros.compute.promises`). Here they are read back from what a reader
gets: the HTML of the review kit and of the public site, and the text of the
PDFs (pdftotext). Each fact must appear with one value only.
"""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from macros.compute.fmt import day
from macros.compute.french import name_of
from macros.compute.promises import promises
from macros.loading.kit import load_kit
from macros.render.plain_language import JARGON
from macros.settings import Settings

DATE = r"\d{1,2}(?:er)? [a-zéû]+ \d{4}"


def _words(html: str) -> str:
    """Plain words: tags dropped, the typography pass's apostrophes and spaces read as plain ones."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).replace("’", "'").split())


def _without_explanations(text: str) -> str:
    """The public site explains jargon in brackets (macros.render.plain_language): the same fact."""
    for why in JARGON.values():
        text = text.replace(f" ({why.replace('’', chr(39))})", "")
    return text


def _pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))
    }


def _blocks(pages: dict[str, str], css: str) -> dict[str, list[str]]:
    """Text of every block with this class, page by page (``kit-promise--retours``...)."""
    found: dict[str, list[str]] = {}
    pattern = re.compile(rf'<(ul|p|table)\b[^>]*class="[^"]*\b{css}\b[^"]*"[^>]*>(.*?)</\1>', re.S)
    for name, html in pages.items():
        for match in pattern.finditer(html):
            found.setdefault(name, []).append(_words(match.group(2)))
    return found


@pytest.fixture(scope="module")
def truth():
    return promises(load_kit(Settings()))


@pytest.fixture(scope="module")
def texts(demo_site, demo_public_site, demo_pdfs) -> dict[str, str]:
    """Every page a reader may see, as plain words: review kit, public site, PDFs."""
    out = {f"interne/{k}": _words(v) for k, v in _pages(demo_site.site).items()}
    out |= {f"public/{k}": _words(v) for k, v in _pages(demo_public_site.site).items()}
    for kind, pdf in demo_pdfs.items():
        raw = subprocess.run(
            ["pdftotext", str(pdf.path), "-"], capture_output=True, text=True, check=True
        ).stdout
        out[f"pdf/{kind}"] = " ".join(raw.replace("\u00ad", "").replace("’", "'").split())
    return out


def test_every_shared_block_reads_the_same_on_every_page(demo_site, demo_public_site):
    pages = {f"interne/{k}": v for k, v in _pages(demo_site.site).items()}
    pages |= {f"public/{k}": v for k, v in _pages(demo_public_site.site).items()}
    for css in (
        "kit-promise--retours",
        "kit-promise--ouvert",
        "kit-promise--decide",
        "kit-promise--accessibilite",
    ):
        found = _blocks(pages, css)
        assert len(found) >= 2, f"{css} : imprimé sur moins de deux pages"
        values = {_without_explanations(v) for blocks in found.values() for v in blocks}
        assert len(values) == 1, f"{css} : plusieurs versions\n" + "\n".join(sorted(values))
    public = _blocks({k: v for k, v in pages.items() if k.startswith("public/")}, "kit-promise--retours")
    assert public, "le site public doit dire quand et comment les participants auront un retour"


def test_the_decision_has_one_decider_and_one_date(texts, truth):
    expected = day(truth.decision.day)
    said = {}
    for name, text in texts.items():
        for pattern in (
            rf"Elle sera prise le ({DATE})",
            rf"Décision : [^,.]*?,? ?(?:le )?({DATE})",
            rf"Date de la décision ({DATE})",
        ):
            for when in re.findall(pattern, text):
                said.setdefault(when, set()).add(name)
    assert set(said) == {expected}, said
    deciders = {m for text in texts.values() for m in re.findall(r"La décision revient ([^.]+)\.", text)}
    assert deciders == {name_of(truth.decision.decider).to()}


def test_feedback_dates_are_the_promised_ones_everywhere_the_public_reads(texts, truth):
    promised = {day(f.day) for f in truth.feedback if f.day}
    assert len(promised) == len(truth.feedback) >= 3  # a synthesis, a meeting, a report after the decision
    # The personal-data notice dates how long data is kept, not a feedback.
    readers = {
        k: v
        for k, v in texts.items()
        if k.startswith(("public/", "pdf/elus")) and "donnees-personnelles" not in k
    }
    for name, text in readers.items():
        dates = set(re.findall(rf"au plus tard le ({DATE})", text))
        assert dates <= promised, f"{name} : {dates - promised}"
    for item in truth.feedback:
        head = item.form[:40]
        for name, text in texts.items():
            for match in re.finditer(re.escape(head), text):
                # Its date, said just before (« au plus tard le … : Compte rendu… ») or after.
                before = re.findall(
                    rf"au plus tard le ({DATE}) : $", text[max(0, match.start() - 60) : match.start()]
                )
                stated = before or re.findall(DATE, text[match.end() : match.end() + 400])
                assert stated and stated[0] == day(item.day), f"{name} : « {head} » daté {stated[:1]}"


def test_what_is_open_is_the_chosen_scenario_list_only(texts, truth):
    client = load_kit(Settings()).client
    dropped = [item for item in client.project.perimeter.negotiable if item not in truth.open]
    assert dropped, "la démo doit tester un périmètre de projet remplacé par celui du scénario retenu"
    for name, text in texts.items():
        for item in dropped:
            assert item not in text, f"{name} : « {item} » n’est pas ouvert dans le scénario retenu"
    for kind in ("pdf/elus", "public/public/contrat/index.html"):
        for item in truth.open:
            assert item in texts[kind], f"{kind} : « {item} » manque"
