"""Load and validate the whole kit once: firm, offers, library, one client."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from macros.errors import KitError, Problem, display_path, sort_problems
from macros.loading import attachments, coherence, legal_checks, placeholders, references, usage
from macros.loading.contributions import load_stored
from macros.loading.followup_checks import check_follow_up
from macros.loading.validation import validate_document, validate_partly
from macros.loading.yamlsource import YamlDocument, load_yaml
from macros.model import Client, Firm, Library, Offer
from macros.model.base import KitModel
from macros.model.followup import Contribution, QuestionnaireReply
from macros.model.library import Criterion, PublicProfile, Technique
from macros.model.procedures import Procedure
from macros.settings import AUDIENCES, PROJECT_DIR, Settings, bad_slug_message, is_valid_slug

__all__ = ["CLIENT_FILE", "Kit", "load_kit"]

CLIENT_FILE = "client.yml"
PROCEDURES_FILE = "procedures.yml"


class _CriteriaFile(KitModel):
    items: list[Criterion] = Field(alias="criteres", min_length=1)


class _PublicsFile(KitModel):
    items: list[PublicProfile] = Field(alias="publics", min_length=1)


class _TechniquesFile(KitModel):
    items: list[Technique] = Field(alias="techniques", min_length=1)


class _ProceduresFile(KitModel):
    items: list[Procedure] = Field(alias="procedures")


@dataclass(frozen=True)
class Kit:
    """Everything a page may render, already validated.

    ``library`` holds the shared publics and the client's own
    (``publics_propres``): a widget never needs to tell them apart.
    """

    settings: Settings
    firm: Firm
    offers: list[Offer]
    library: Library
    client: Client
    client_doc: YamlDocument = field(repr=False)
    contributions: tuple[Contribution, ...] = ()
    """Opinions heard (``contributions.csv`` of the client folder), by date."""
    questionnaires: tuple[QuestionnaireReply, ...] = ()
    """Participants' questionnaires (``questionnaire.csv``)."""
    warnings: tuple[Problem, ...] = ()
    """What ``kit check`` lists as warnings: the kit builds, but a human should look."""

    @property
    def slug(self) -> str:
        return self.settings.slug

    @property
    def client_dir(self) -> Path:
        return self.settings.client_dir

    @property
    def offer(self) -> Offer:
        return next(o for o in self.offers if o.id == self.client.offer)

    @property
    def components(self) -> frozenset[str]:
        """The page components of this kit: the offer's deliverables and the options bought."""
        return usage.kit_components(self.offer, self.client)

    def has(self, component: str) -> bool:
        return component in self.components

    @property
    def has_roi_tool(self) -> bool:
        """Whether any page of the kit reads the ``roi`` section (workshop, method or usage kit)."""
        return bool(usage.SECTION_READERS[("roi",)] & self.components)

    @property
    def roi_workshop(self) -> bool:
        """Whether the mission holds an « R.O.I. citoyen » workshop (offer or option bought)."""
        return self.has(usage.ROI_RESULTS)


def _load(model: type[BaseModel], file: Path, problems: list[Problem]) -> Any:
    """Load one file, adding its problems to the list instead of stopping."""
    try:
        doc = load_yaml(file, display_path(file, PROJECT_DIR))
        return validate_document(model, doc), doc
    except KitError as exc:
        problems.extend(exc.problems)
        return None, None


def _load_offers(folder: Path, problems: list[Problem]) -> list[Offer]:
    files = sorted(folder.glob("*.yml"))
    if not files:
        problems.append(Problem(display_path(folder, PROJECT_DIR), "aucune offre (fichier .yml) trouvée"))
    offers = []
    for file in files:
        offer, doc = _load(Offer, file, problems)
        if offer is None:
            continue
        if offer.id != file.stem:
            problems.append(
                doc.problem(
                    ("id",), f"l’identifiant doit être le nom du fichier « {file.stem} », reçu « {offer.id} »"
                )
            )
        offers.append(offer)
    return sorted(offers, key=lambda o: o.order)


def _load_library(folder: Path, problems: list[Problem], docs: dict[str, YamlDocument]) -> Library | None:
    parts = {}
    for key, model, name in (
        ("criteres", _CriteriaFile, "criteres.yml"),
        ("publics", _PublicsFile, "publics.yml"),
        ("techniques", _TechniquesFile, "techniques.yml"),
    ):
        loaded, docs[key] = _load(model, folder / name, problems)
        parts[key] = loaded.items if loaded else None
    if any(v is None for v in parts.values()):
        return None
    # Optional: a library without legal procedures is still a library.
    if (folder / PROCEDURES_FILE).is_file():
        loaded, docs["procedures"] = _load(_ProceduresFile, folder / PROCEDURES_FILE, problems)
        parts["procedures"] = loaded.items if loaded else []
    return Library.model_validate(parts)


def _client_file(settings: Settings) -> Path:
    folder = settings.client_dir
    if not folder.is_dir():
        known = sorted(p.name for p in settings.clients_dir.glob("*/") if (p / CLIENT_FILE).is_file())
        where = display_path(settings.clients_dir, PROJECT_DIR)
        raise KitError(
            [Problem(where, f"client inconnu « {settings.slug} » (connus : {', '.join(known) or 'aucun'})")]
        )
    return folder / CLIENT_FILE


# Required sections of client.yml, replaced while the rest is cross-checked
# (the checks that read them are skipped: see references.check_client).
_STAND_INS = {
    "collectivite": {"nom": "?", "type": "autre"},
    "projet": {"titre": "?", "resume": "?", "decision": "?", "decideur": "?"},
    "offre": "?",
    "mission": {"consultant": "?", "debut": "2000-01-01"},
}


def _load_client(
    settings: Settings, problems: list[Problem]
) -> tuple[Client | None, YamlDocument | None, frozenset[str]]:
    file = _client_file(settings)
    try:
        doc = load_yaml(file, display_path(file, PROJECT_DIR))
    except KitError as exc:
        problems.extend(exc.problems)
        return None, None, frozenset({"*"})
    client, failed, found = validate_partly(Client, doc, _STAND_INS)
    problems.extend(found)
    return client, doc, failed


def _audience_problems(settings: Settings, client: Client, doc: YamlDocument, offer: Offer) -> list[Problem]:
    """The public site promises only what the collectivity chose: never the ranking's guess.

    Only where the kit has participation scenarios to choose among (concertation,
    stratégie): « défricher » tests fictional scenarios and retains none."""
    if settings.audience != "public" or client.chosen_scenario or not client.scenarios:
        return []
    if not usage.SECTION_READERS[("scenario_retenu",)] & usage.kit_components(offer, client):
        return []
    listed = ", ".join(sorted(s.id for s in client.scenarios))
    # The key is absent: no line to point at.
    return [
        Problem(
            doc.path,
            loc=("scenario_retenu",),
            message=(
                "site public impossible sans scénario retenu : ses engagements (contrat de participation, programme, "
                "« ce que nous vous promettons ») suivent le choix de la collectivité, jamais le seul classement ; "
                f"inscrivez ce choix sous la clé « scenario_retenu » (scénarios : {listed})"
            ),
        )
    ]


def load_kit(settings: Settings | None = None) -> Kit:
    """Read and check every file of the kit; raise :class:`KitError` listing all problems.

    Schema, reference and coherence problems come in one run, grouped by file
    and sorted by line; warnings alone do not stop the build (``Kit.warnings``).
    """
    settings = settings or Settings.from_env()
    if settings.audience not in AUDIENCES:
        raise KitError(
            [
                Problem(
                    "KIT_AUDIENCE",
                    f"audience inconnue « {settings.audience} » (possibles : {', '.join(AUDIENCES)})",
                )
            ]
        )
    if not is_valid_slug(settings.slug):  # never a path: ``../x`` would leave the clients folder
        raise KitError([Problem("KIT_CLIENT", bad_slug_message(settings.slug))])
    # Before reading anything of the client: a link may point at any file of the machine.
    problems: list[Problem] = attachments.check_client_folder(settings.client_dir)
    if problems:
        raise KitError(problems)
    firm, _ = _load(Firm, settings.kits_dir / "cabinet.yml", problems)
    offers = _load_offers(settings.kits_dir / "offres", problems)
    library_docs: dict[str, YamlDocument] = {}
    library = _load_library(settings.kits_dir / "bibliotheque", problems, library_docs)
    if library is not None:
        problems.extend(references.check_library(library, library_docs))
    # A shared file in error (firm, offers, library) would make the client's references
    # look wrong: its cross-checks wait until the shared data is sound.
    shared_sound = not problems
    client, client_doc, failed = _load_client(settings, problems)
    if (
        shared_sound
        and client is not None
        and client_doc is not None
        and library is not None
        and "*" not in failed
    ):
        # The client's own publics join the library first: every later check sees them as library publics.
        if "publics_propres" not in failed:
            problems.extend(references.check_own_publics(client, client_doc, library))
            library = references.with_own_publics(library, client)
        problems.extend(
            references.check_client(client, client_doc, offers, library, settings.client_dir, failed)
        )
        problems.extend(coherence.check_client(client, client_doc, offers, library, failed))
        offer = next((o for o in offers if o.id == client.offer), None)  # unknown: check_client said so
        if not failed and offer is not None:
            problems.extend(_audience_problems(settings, client, client_doc, offer))
            problems.extend(w.as_warning() for w in legal_checks.legal_warnings(client, client_doc, library))
            problems.extend(usage.unused_sections(client, client_doc, offer, offers))
    if client_doc is not None:
        problems.extend(placeholders.placeholder_problems(client_doc, public=settings.audience == "public"))
    if any(not p.warning for p in problems):
        raise KitError(problems)
    if (
        firm is None or library is None or client is None or client_doc is None
    ):  # each failure added a problem
        raise KitError(problems)
    contributions, questionnaires = _load_follow_up(client, client_doc, library, settings.client_dir)
    return Kit(
        settings,
        firm,
        offers,
        library,
        client,
        client_doc,
        contributions,
        questionnaires,
        tuple(sort_problems(problems)),
    )


def _load_follow_up(
    client: Client, doc: YamlDocument, library: Library, folder: Path
) -> tuple[tuple[Contribution, ...], tuple[QuestionnaireReply, ...]]:
    """The stored contributions and questionnaires, checked with the ``suites`` section."""
    try:
        contributions, questionnaires = load_stored(folder, client, library)
    except KitError as exc:
        # The section's own references are still checked; its quotes cannot be.
        raise KitError([*exc.problems, *check_follow_up(client, doc, None)]) from None
    problems = check_follow_up(client, doc, contributions)
    if problems:
        raise KitError(problems)
    return contributions, questionnaires
