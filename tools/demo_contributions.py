"""Write the demo's contributions and questionnaires: realistic, and the same on every run.

``.venv/bin/python tools/demo_contributions.py`` rewrites
``kits/clients/demo/contributions.csv`` and ``questionnaire.csv``. The rows are
drawn with a fixed seed from sentences written for the demo's project (the
place de la Halle of Bellerive-sur-Loire), then go through the real import
(:mod:`macros.loading.contributions`): same checks, same identities, same
file format as ``kit contributions``. Nobody real said any of this.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from macros.loading.contributions import (  # noqa: E402
    CONTRIBUTIONS_FILE,
    QUESTIONNAIRE_FILE,
    Vocabulary,
    parse_contributions,
    parse_questionnaire,
    write_contributions,
    write_questionnaire,
)
from macros.loading.kit import load_kit  # noqa: E402
from macros.loading.tables import Row, Table  # noqa: E402
from macros.settings import Settings  # noqa: E402

SEED = 2027

SENTENCES = {
    "ombre": [
        "Il faut des arbres, de vrais arbres en pleine terre, pas des bacs.",
        "L’été dernier on ne pouvait pas traverser la place après midi tellement il faisait chaud.",
        "Des arbres côté église, là où les gens attendent le bus.",
        "Une fontaine à boire, pour les enfants et pour les chiens.",
        "Des brumisateurs comme à la plage, pendant les canicules.",
        "Pensez à l’ombre au-dessus des bancs, sinon personne ne s’assoit.",
        "Plus de vert, moins de bitume. Le bitume garde la chaleur toute la nuit.",
        "Des toiles tendues au-dessus du marché, le temps que les arbres poussent.",
        "Planter des arbres qui ne salissent pas trop, à cause des terrasses.",
        "Un coin de pelouse où on peut s’allonger.",
        "Garder les deux platanes qui sont là, ils ont cent ans.",
        "Il faudrait une place fraîche où les anciens peuvent venir l’après-midi.",
    ],
    "jeux": [
        "Des jeux pour les petits, près des bancs, pour que les parents surveillent.",
        "Un bac à sable couvert, pour les chats.",
        "Mon fils voudrait un endroit pour faire du skate, il n’y en a pas en centre-ville.",
        "Un terrain pour jouer au ballon, les grands n’ont rien ici.",
        "Des jeux d’eau au sol, l’été, ce serait génial.",
        "Des jeux qui ne sont pas que pour les moins de six ans.",
        "Une table de ping-pong en béton, ça ne coûte pas cher.",
        "Séparer les jeux de la rue, avec une barrière, à cause des voitures.",
        "Des jeux accessibles aux enfants en fauteuil.",
        "Un endroit pour attendre la sortie de l’école avec les poussettes.",
    ],
    "marche": [
        "Le marché du samedi, c’est la vie du quartier, il ne faut pas y toucher.",
        "Il faut des branchements électriques pour les commerçants du marché.",
        "Un point d’eau pour les poissonniers, ils vont chercher l’eau au café.",
        "Pendant les travaux, où ira le marché ? Il faut nous le dire tôt.",
        "Un deuxième marché le mercredi soir, avec des producteurs.",
        "Les clients doivent pouvoir se garer près des boutiques, sinon ils vont au centre commercial.",
        "Des livraisons possibles le matin, sans bloquer la place.",
        "Des toilettes publiques propres, les jours de marché surtout.",
        "On a peur que les travaux durent et que nos clients ne reviennent pas.",
        "Des étals moins serrés, on ne passe pas avec une poussette.",
    ],
    "stationnement": [
        "Gardez le parking, on en a besoin pour faire nos courses.",
        "Si on supprime le parking, où vont se garer les gens qui travaillent ici ?",
        "Enfin une place sans voitures, il était temps.",
        "Des places pour les personnes handicapées tout près de la pharmacie.",
        "Des arrêts minute devant la boulangerie.",
        "Un vrai parking à vélos, couvert, avec des arceaux.",
        "Les voitures roulent trop vite rue des Halles, il faut ralentir.",
        "Le parking de la gare est vide le samedi, il faudrait le signaler.",
        "Une zone à 20 km/h tout autour de la place.",
        "Que les secours puissent toujours passer, c’est important.",
    ],
    "repos": [
        "Des bancs avec un dossier et des accoudoirs, pour pouvoir se relever.",
        "Des bancs tous les trente mètres, pas plus, sinon je n’arrive pas au marché.",
        "Un sol plat, sans pavés, pour les fauteuils et les déambulateurs.",
        "Des bancs qui se font face, pour discuter.",
        "Les pavés actuels sont dangereux quand il pleut.",
        "Des toilettes accessibles, c’est ce qui manque le plus.",
        "Un éclairage doux le soir, pour se sentir en sécurité.",
        "Des chaises qu’on peut déplacer, comme dans les jardins à Paris.",
        "Un abri pour la pluie près de l’arrêt de bus.",
        "Des panneaux écrits en gros pour se repérer.",
    ],
    "animation": [
        "Des terrasses plus grandes, la place est faite pour ça.",
        "Des concerts l’été, mais pas tous les soirs, on habite au-dessus.",
        "Un cinéma en plein air une fois par mois.",
        "Le bruit des terrasses jusqu’à minuit, c’est non.",
        "Une fête de la place chaque année, avec les associations.",
        "Un kiosque pour la musique et les associations.",
        "Un endroit abrité pour les spectacles des écoles.",
        "Un marché de Noël sur la place.",
        "Un coin pour les jeunes, où on peut se retrouver sans déranger.",
        "Des animations pour les jeunes le soir, il n’y a rien à faire ici.",
    ],
    "transports": [
        "Un bus le samedi pour venir au marché depuis les Hauts de Loire.",
        "La ligne 4 ne passe plus le dimanche, c’est un problème.",
        "Une navette gratuite depuis le parking de la gare.",
        "Des trottoirs plus larges sur le chemin de l’école, pas seulement sur la place.",
        "Une piste cyclable le long de la Loire jusqu’à la place.",
    ],
}

OPENINGS = ["", "", "", "", "À mon avis, ", "Pour moi, ", "Franchement, ", "Surtout, "]
ENDINGS = [
    "",
    "",
    "",
    "",
    " Merci de nous demander notre avis.",
    " C’est urgent.",
    " Pensez aux enfants.",
    " Ce serait bien pour tout le monde.",
    " C’est ce qu’on dit tous au marché.",
]

# channel -> (first day, last day, how many, {public: weight}, {theme: weight})
CHANNELS = {
    "Stand sur le marché": (
        date(2027, 4, 17),
        date(2027, 4, 17),
        52,
        {"seniors": 40, "commercants": 14, "parents-actifs": 14, "jeunes": 4, "": 28},
        {
            "marche": 24,
            "ombre": 20,
            "stationnement": 20,
            "repos": 16,
            "animation": 10,
            "jeux": 6,
            "transports": 4,
        },
    ),
    "Stand à la sortie de l’école": (
        date(2027, 4, 20),
        date(2027, 4, 20),
        31,
        {"parents-actifs": 70, "": 30},
        {"jeux": 40, "ombre": 20, "stationnement": 15, "animation": 10, "transports": 15},
    ),
    "Balade commentée autour de la place": (
        date(2027, 4, 24),
        date(2027, 4, 24),
        23,
        {"seniors": 50, "commercants": 17, "parents-actifs": 8, "": 25},
        {"repos": 30, "ombre": 25, "stationnement": 20, "marche": 15, "animation": 10},
    ),
    "Questionnaire en ligne et sur papier": (
        date(2027, 4, 17),
        date(2027, 5, 14),
        58,
        {"parents-actifs": 28, "jeunes": 14, "seniors": 14, "commercants": 4, "": 40},
        {
            "ombre": 22,
            "animation": 18,
            "jeux": 16,
            "stationnement": 16,
            "repos": 10,
            "marche": 10,
            "transports": 8,
        },
    ),
    "Registre en mairie": (
        date(2027, 4, 19),
        date(2027, 5, 14),
        8,
        {"seniors": 50, "": 50},
        {"stationnement": 50, "repos": 25, "transports": 25},
    ),
    "Courriel à la mairie": (
        date(2027, 4, 18),
        date(2027, 5, 14),
        6,
        {"commercants": 34, "": 66},
        {"marche": 50, "stationnement": 50},
    ),
}

ANSWERS_SCALE = ("oui", "un-peu", "non")
HEARD = {
    "affiche": 18,
    "ecole": 20,
    "commercant": 16,
    "reseaux": 10,
    "journal": 12,
    "entourage": 20,
    "autre": 4,
}


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _sentence(rng: random.Random, theme: str) -> str:
    body = rng.choice(SENTENCES[theme])
    opening = rng.choice(OPENINGS)
    if opening:
        body = opening + body[0].lower() + body[1:]
    return body + rng.choice(ENDINGS)


def contribution_rows(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for channel, (first, last, count, publics, themes) in CHANNELS.items():
        for _ in range(count):
            theme = _pick(rng, themes)
            rows.append(
                {
                    "date": _day(rng, first, last).strftime("%d/%m/%Y"),
                    "canal": channel,
                    "theme": theme,
                    "public": _pick(rng, publics),
                    "texte": _sentence(rng, theme),
                }
            )
    return rows


def questionnaire_rows(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for channel, count in (
        ("Stand sur le marché", 24),
        ("Balade commentée autour de la place", 14),
        ("Questionnaire en ligne et sur papier", 26),
    ):
        first, last, _, publics, _ = CHANNELS[channel]
        for _ in range(count):
            row: dict[str, object] = {
                "date": _day(rng, first, last).isoformat(),
                "canal": channel,
                "public": _pick(rng, publics),
            }
            for question, weights in (
                ("compris", (70, 22, 8)),
                ("parole", (78, 16, 6)),
                ("ecoute", (62, 28, 10)),
                ("pratique", (66, 22, 12)),
                ("utile", (40, 38, 22)),
                ("revenir", (72, 18, 10)),
            ):
                row[question] = rng.choices(ANSWERS_SCALE + ("",), weights=(*weights, 4))[0]
            row["connu"] = _pick(rng, HEARD)
            rows.append(row)
    return rows


def _table(name: str, rows: list[dict[str, object]]) -> Table:
    headers = tuple(rows[0])
    return Table(name, headers, tuple(Row(n, r) for n, r in enumerate(rows, start=2)))


def write_demo(out_dir: Path | None = None) -> tuple[int, int]:
    """Draw the rows, check them like an import, write both files (to the demo's folder by default)."""
    kit = load_kit(Settings(slug="demo"))
    vocab = Vocabulary.of(kit.client, kit.library)
    rng = random.Random(SEED)
    contributions = parse_contributions(_table("démo", contribution_rows(rng)), vocab).contributions
    replies = parse_questionnaire(_table("démo", questionnaire_rows(rng)), vocab).replies
    folder = out_dir or kit.client_dir
    write_contributions(folder / CONTRIBUTIONS_FILE, contributions)
    write_questionnaire(folder / QUESTIONNAIRE_FILE, replies)
    return len(contributions), len(replies)


def main() -> int:
    contributions, replies = write_demo()
    print(f"{contributions} contributions et {replies} questionnaires écrits dans kits/clients/demo/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
