"""French phrasing: names that carry their article and gender, contractions, elisions.

A collectivity, a deciding body or an organisation is written in many
sentences: « la Ville de Bellerive vous invite », « le programme du conseil
municipal », « les offres d’A.M.O.O.R. ». A :class:`Name` knows its article,
its gender and whether it elides, and every sentence takes the form it
needs from it (:meth:`Name.the`, :meth:`Name.of`, :meth:`Name.to`,
:meth:`Name.pronoun`), with the contractions of French (de + le = du,
à + le = au, de + les = des) and its elisions (de + A.M.O.O.R. = d’A.M.O.O.R.).

The article and gender are inferred from the first noun of the name (a small
lexicon of the words French institutions begin with), then from the
collectivity type; ``client.yml`` can state them (``collectivite.article``,
``collectivite.genre``), and a deciding body may be written with its article
(« la commission permanente »). Pure functions: no YAML, no HTML.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = [
    "APOSTROPHE",
    "FILTERS",
    "KIND_DEFAULTS",
    "Name",
    "after_colon",
    "elides",
    "enumerate_fr",
    "name_of",
    "strip_article",
]

APOSTROPHE = "\u2019"

#: First words of institutional names: gender, and whether the word stays
#: capitalised inside a sentence (a collectivity: « la Ville de … ») or is a
#: common noun (a body: « le conseil municipal »).
_HEADS: dict[str, tuple[str, bool]] = {
    # collectivities and public bodies, capitalised as institutions
    "ville": ("f", True),
    "commune": ("f", True),
    "mairie": ("f", True),
    "communauté": ("f", True),
    "métropole": ("f", True),
    "eurométropole": ("f", True),
    "agglomération": ("f", True),
    "département": ("m", True),
    "région": ("f", True),
    "collectivité": ("f", True),
    "territoire": ("m", True),
    "établissement": ("m", True),
    "syndicat": ("m", True),
    "pays": ("m", True),
    "pôle": ("m", True),
    "parc": ("m", True),
    "office": ("m", True),
    "centre": ("m", True),
    "agence": ("f", True),
    "maison": ("f", True),
    "union": ("f", True),
    "association": ("f", True),
    "fédération": ("f", True),
    "chambre": ("f", True),
    "préfecture": ("f", True),
    "état": ("m", True),
    "cabinet": ("m", True),
    "société": ("f", True),
    "entreprise": ("f", True),
    "groupement": ("m", True),
    "collectif": ("m", True),
    "régie": ("f", True),
    # deciding bodies and offices: common nouns inside a sentence
    "conseil": ("m", False),
    "comité": ("m", False),
    "bureau": ("m", False),
    "assemblée": ("f", False),
    "commission": ("f", False),
    "conférence": ("f", False),
    "jury": ("m", False),
    "collège": ("m", False),
    "direction": ("f", False),
    "service": ("m", False),
    "services": ("m", False),
    "équipe": ("f", False),
    "maire": ("m", False),
    "président": ("m", False),
    "présidente": ("f", False),
    "exécutif": ("m", False),
}

#: Words beginning with an h that does not elide (h aspiré); every other h does.
_H_ASPIRE = {
    "halle",
    "halles",
    "hameau",
    "handicap",
    "haut",
    "haute",
    "hauts",
    "hautes",
    "hall",
    "hangar",
    "harpe",
    "hasard",
    "hâte",
    "héros",
    "honte",
    "hutte",
}

_VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæ")

#: (article, gender) when the name itself says nothing (a bare place name):
#: by collectivity type, as French speaks of them (« elle » for a town).
KIND_DEFAULTS: dict[str, tuple[str, str]] = {
    "commune": ("", "f"),
    "intercommunalite": ("", "f"),
    "departement": ("", "m"),
    "region": ("", "f"),
    "etablissement-public": ("", "m"),
    "autre": ("", "m"),
}

_ARTICLE = re.compile(r"^(?P<art>les|le|la|l['’])\s*(?=\S)", re.IGNORECASE)


def _first_word(text: str) -> str:
    return re.split(r"[\s'’-]", text.strip(), maxsplit=1)[0].lower()


def elides(text: str) -> bool:
    """Does a word beginning like ``text`` take « l’ », « d’ » (vowel or h muet)?"""
    word = _first_word(text)
    if not word:
        return False
    first = word[0]
    if first == "h":
        return word not in _H_ASPIRE
    return first in _VOWELS or unicodedata.normalize("NFD", first)[0] in _VOWELS


def strip_article(text: str) -> tuple[str | None, str]:
    """``"Le conseil municipal"`` -> (``"le"``, ``"conseil municipal"``); no article -> (None, text)."""
    match = _ARTICLE.match(text.strip())
    if not match:
        return None, text.strip()
    article = match["art"].lower().replace("'", APOSTROPHE)
    return article, text.strip()[match.end() :]


@dataclass(frozen=True)
class Name:
    """A name as a sentence uses it: ``text`` without its article."""

    text: str
    article: str
    """``le``, ``la``, ``les``, or ``""`` for a name without article (A.M.O.O.R., Nantes)."""
    feminine: bool = False
    proper: bool = False
    """The article belongs to a place name (Le Mans, Les Mureaux): it keeps its
    capital when it stands alone, and still contracts (« du Mans », « aux Mureaux »)."""

    @property
    def plural(self) -> bool:
        return self.article == "les"

    def __str__(self) -> str:
        return self.text

    def the(self) -> str:
        """« la Ville de Bellerive », « le conseil municipal », « l’Eurométropole », « A.M.O.O.R. »."""
        if not self.article:
            return self.text
        if self.article in ("le", "la") and elides(self.text):
            return f"{'L' if self.proper else 'l'}{APOSTROPHE}{self.text}"
        return f"{capitalize(self.article) if self.proper else self.article} {self.text}"

    def The(self) -> str:  # noqa: N802 (the capitalised form, at the start of a sentence)
        return capitalize(self.the())

    def of(self) -> str:
        """« de la Ville », « du conseil », « des services », « de l’Eurométropole », « d’A.M.O.O.R. »."""
        if self.article == "le" and not elides(self.text):
            return f"du {self.text}"
        if self.article == "les":
            return f"des {self.text}"
        if not self.article and elides(self.text):
            return f"d{APOSTROPHE}{self.text}"
        return f"de {self.the()}"

    def to(self) -> str:
        """« à la Ville », « au conseil », « aux services », « à l’Eurométropole »."""
        if self.article == "le" and not elides(self.text):
            return f"au {self.text}"
        if self.article == "les":
            return f"aux {self.text}"
        return f"à {self.the()}"

    def pronoun(self) -> str:
        """« elle », « il », « elles », « ils »: what stands for the name in the next clause."""
        return ("elles" if self.feminine else "ils") if self.plural else ("elle" if self.feminine else "il")

    def agree(self, masculine: str, feminine: str) -> str:
        """The word that agrees with the name: ``agree("engagé", "engagée")``."""
        return feminine if self.feminine else masculine


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def name_of(
    text: str, *, kind: str | None = None, article: str | None = None, gender: str | None = None
) -> Name:
    """The :class:`Name` of ``text``: stated article and gender first, then the
    article written in the text, then the lexicon, then the collectivity type.

    ``article`` is ``le``, ``la``, ``l’``, ``les`` or ``aucun``; ``gender`` is
    ``masculin`` or ``feminin``.
    """
    written, bare = strip_article(text)
    head = _HEADS.get(_first_word(bare))
    if head and not head[1] and bare[:1].isupper() and not bare.isupper():
        bare = bare[:1].lower() + bare[1:]  # « Conseil municipal » inside a sentence
    default_article, default_gender = KIND_DEFAULTS.get(kind or "autre", ("", "m"))
    if head:
        default_gender = head[0]
        default_article = "la" if head[0] == "f" else "le"
    chosen = article if article is not None else written
    if chosen is None:
        chosen = default_article
    chosen = {"aucun": "", "l'": "l’"}.get(chosen, chosen)
    if gender is None:
        gender = {"la": "f", "le": "m"}.get(chosen, default_gender)
    else:
        gender = "f" if gender.startswith("f") else "m"
    if chosen == "l’":  # the elided article: gender from the lexicon or the type
        chosen = "la" if gender == "f" else "le"
    proper = article is None and written is not None and head is None and text.strip()[:1].isupper()
    return Name(bare, chosen, gender == "f", proper)


#: First words of an ordinary sentence: after « : » they lose their capital.
#: Any other capitalised word may be a proper noun (« Bellerive », « Nantes
#: Métropole ») and keeps it: the rule errs on the side of the name.
_COMMON_STARTS = frozenset(
    """le la les l un une des du de d ce cet cette ces son sa ses leur leurs notre nos votre vos
    mon ma mes chaque tout tous toute toutes aucun aucune plusieurs certains certaines quelques
    deux trois quatre cinq six sept huit neuf dix il elle ils elles on nous vous en à au aux pour
    par avec sans dans sur sous entre si quand lorsque selon après avant pendant ici oui non""".split()
)


def after_colon(text: str) -> str:
    """A sentence printed after « : » starts with a small letter when it opens
    with an ordinary word (« Une compréhension… » -> « une compréhension… »);
    a proper noun or an acronym keeps its capital (« CCAS », « Bellerive »)."""
    word = re.split(r"[\s’',;:.!?]", text, maxsplit=1)[0]
    if not word or not word[0].isupper() or word.lower() not in _COMMON_STARTS:
        return text
    return text[0].lower() + text[1:]


def enumerate_fr(items: list[str], last: str = "et") -> str:
    """``a, b et c``: the French list, without the serial comma."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _as_name(value: Name | str) -> Name:
    return value if isinstance(value, Name) else name_of(str(value))


#: Jinja filters of the pages: ``{{ noms.collectivite | Le }} vous invite``,
#: ``les offres {{ noms.cabinet | de }}``, ``ce qu’{{ noms.collectivite | il }} vous apporte``;
#: a plain string is read as a name first (``{{ "Conseil municipal" | le }}``).
FILTERS = {
    "le": lambda n: _as_name(n).the(),
    "Le": lambda n: _as_name(n).The(),
    "de": lambda n: _as_name(n).of(),
    "a": lambda n: _as_name(n).to(),
    "il": lambda n: _as_name(n).pronoun(),
}
