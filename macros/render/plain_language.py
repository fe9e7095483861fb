"""Plain language on the public site: no jargon without its explanation.

The words of a public page come from the kit and from the client's data
(« avant de lancer la maîtrise d'œuvre », « la navette du CCAS »). A reader
who is not a specialist must not be left with a term of the trade or an
acronym: the first time a page uses one of the terms below, its explanation
follows in brackets, unless the page already gives it. Applied to the
article of every page meant for the public (site and review kit alike, so
that the review shows what citizens will read), before the typography pass.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator

__all__ = ["JARGON", "explain_jargon", "jargon_pattern"]

#: Term -> its explanation, in common words. Acronyms are matched with their
#: case, words without it. Add a term here and the tests check every public page.
JARGON: dict[str, str] = {
    "maîtrise d'œuvre": "l'équipe qui dessine le projet et suit les travaux",
    "maître d'œuvre": "l'équipe qui dessine le projet et suit les travaux",
    "maîtrise d'ouvrage": "la collectivité qui commande le projet et le paie",
    "maître d'ouvrage": "la collectivité qui commande le projet et le paie",
    "CCAS": "centre communal d'action sociale",
    "CIAS": "centre intercommunal d'action sociale",
    "FALC": "facile à lire et à comprendre",
    "PMR": "personnes à mobilité réduite",
    "RGAA": "référentiel général d'amélioration de l'accessibilité",
    "RGPD": "règlement général sur la protection des données",
    "CNIL": "Commission nationale de l'informatique et des libertés",
    "DPO": "délégué à la protection des données",
    "SIRET": "numéro d'identification de l'établissement",
    "EPCI": "établissement public de coopération intercommunale",
    "PLU": "plan local d'urbanisme",
    "ERP": "établissement recevant du public",
    "restitution": "présentation de ce qui a été entendu",
}

_APOSTROPHE = "(?:'|&#39;|&#x27;|\u2019)"
_ARTICLE = re.compile(r"<article\b.*?</article>", re.DOTALL)
_TOKEN = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][\w-]*)")
#: Where an explanation in brackets would not read well: headings and code.
_NO_INSERT = {"h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "kbd", "samp", "caption", "summary"}


@functools.cache
def jargon_pattern(term: str) -> re.Pattern[str]:
    """The term as it may appear in built HTML (any apostrophe), as a whole word."""
    body = _APOSTROPHE.join(re.escape(part) for part in term.split("'"))
    flags = 0 if term.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", flags)


def _normalise(text: str) -> str:
    return re.sub(_APOSTROPHE, "'", text).lower()


def _text_pieces(article: str) -> Iterator[tuple[bool, str]]:
    """(may_insert, piece): text pieces flagged, markup pieces as they are."""
    depth = 0
    last = 0
    for match in _TOKEN.finditer(article):
        if match.start() > last:
            yield depth == 0, article[last : match.start()]
        tag = _TAG.match(match[0])
        if tag and tag[2].lower() in _NO_INSERT and not match[0].endswith("/>"):
            depth += -1 if tag[1] else 1
        yield False, match[0]
        last = match.end()
    if last < len(article):
        yield depth == 0, article[last:]


@functools.cache
def _any_term() -> re.Pattern[str]:
    """One pattern for every term: a page is searched once, not once per term."""
    return re.compile(
        "|".join(
            f"(?:{jargon_pattern(t).pattern})" if t.isupper() else f"(?i:{jargon_pattern(t).pattern})"
            for t in JARGON
        )
    )


def _followed_by(why: str) -> Callable[[re.Match[str]], str]:
    """The term as written, then its explanation in brackets."""

    def replace(match: re.Match[str]) -> str:
        return f"{match[0]} ({why})"

    return replace


def _explain_article(article: str) -> str:
    found = {m[0] for m in _any_term().finditer(article)}
    used = [term for term in JARGON if any(jargon_pattern(term).fullmatch(f) for f in found)]
    if not used:
        return article  # most pages: no term of the trade at all
    plain = _normalise(re.sub(r"<[^>]+>", " ", article))
    pending = {term: JARGON[term] for term in used if _normalise(JARGON[term]) not in plain}
    pieces = list(_text_pieces(article))
    out = []
    for may_insert, piece in pieces:
        if may_insert and pending:
            for term in list(pending):
                pattern = jargon_pattern(term)
                if pattern.search(piece):
                    piece = pattern.sub(_followed_by(pending.pop(term)), piece, count=1)
        out.append(piece)
    return "".join(out)


#: What a citizen typed, quoted word for word: never explained, never changed.
_QUOTED = re.compile(r"""<(\w+)\b[^>]*\bclass\s*=\s*["'][^"']*\bkit-verbatim\b[^>]*>.*?</\1\s*>""", re.DOTALL)


def _explain_outside_quotes(article: str) -> str:
    kept: list[str] = []

    def hold(match: re.Match[str]) -> str:
        kept.append(match[0])
        return f"\ue002{len(kept) - 1}\ue003"

    explained = _explain_article(_QUOTED.sub(hold, article))
    return re.sub("\ue002(\\d+)\ue003", lambda m: kept[int(m[1])], explained)


def explain_jargon(html: str) -> str:
    """The page with the first use of each jargon term of its article explained."""
    return _ARTICLE.sub(lambda m: _explain_outside_quotes(m[0]), html, count=1)
