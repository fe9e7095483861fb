"""The ``kit`` command: a consultant's day-to-day with the kits.

A thin click group; each command hands off to a module of
:mod:`macros.commands`. Exit codes a script can trust: 0 success, 1 the kit
has errors or a build or publication failed, 2 the command line is wrong,
130 interrupted.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, get_args

import click
from rich.text import Text

from macros.commands import french
from macros.commands.common import (
    EXIT_FAILED,
    KitAbort,
    base_settings,
    check_slug,
    client_slugs,
    err,
    os_error_text,
    out,
)
from macros.compute.fmt import count
from macros.model.client import Collectivity
from macros.settings import AUDIENCES

__all__ = ["cli", "main"]

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

french.install()

_CONTEXT = {"help_option_names": ["-h", "--aide", "--help"], "max_content_width": 100}


def _clients_dir_option(func: Any) -> Any:
    return click.option(
        "--clients-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="KIT_CLIENTS_DIR",
        help="Dossier des clients, s’ils sont gardés hors du dépôt (sinon KIT_CLIENTS_DIR, sinon kits/clients).",
    )(func)


def _selection(func: Any) -> Any:
    func = click.option(
        "--all", "all_clients", is_flag=True, help="Tous les clients du dossier des clients."
    )(func)
    return click.argument("slugs", nargs=-1, metavar="[CLIENT]...")(func)


class _Group(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # the order of a consultant's day, not alphabetical


@click.group(cls=_Group, context_settings=_CONTEXT, subcommand_metavar=french.SUBCOMMAND_METAVAR)
@click.version_option(package_name="amoor-kit", message="kit %(version)s")
def cli() -> None:
    """Kits clients du cabinet A.M.O.O.R. : créer, vérifier, construire, relire, publier.

    Codes de sortie : 0 réussite ; 1 erreurs dans le kit, construction ou
    publication en échec ; 2 commande mal formée.
    """


@cli.command(context_settings=_CONTEXT)
@click.argument("slug", metavar="CLIENT")
@click.option(
    "--offre", "offer", required=True, help="Offre achetée (concertation, strategie, defricher...)."
)
@click.option("--nom", "name", required=True, help="Nom de la collectivité, par exemple « Ville de X ».")
@click.option(
    "--type",
    "kind",
    type=click.Choice(get_args(Collectivity.model_fields["kind"].annotation)),
    default="commune",
    show_default=True,
    help="Type de collectivité.",
)
@_clients_dir_option
def new(slug: str, offer: str, name: str, kind: str, clients_dir: Path | None) -> None:
    """Crée le dossier d’un nouveau client, valide d’emblée, à compléter.

    CLIENT est l’identifiant du client (minuscules, chiffres, tirets), qui
    devient le nom de son dossier. Refuse d’écraser un client existant.
    """
    from macros.commands.new import new_client

    settings = base_settings(clients_dir)
    path = new_client(settings, slug, offer, name, kind)
    err.print(Text(f"Client « {slug} » créé : {path}"))
    err.print(Text(f"Complétez ce fichier, puis vérifiez-le avec : kit check {slug}"))


@cli.command(context_settings=_CONTEXT)
@_selection
@_clients_dir_option
@click.option("--strict", is_flag=True, help="Compter aussi les avertissements comme des erreurs.")
def check(slugs: tuple[str, ...], all_clients: bool, clients_dir: Path | None, strict: bool) -> None:
    """Vérifie les clients sans rien construire.

    Affiche toutes les erreurs et tous les avertissements de tous les
    clients, une ligne chacun : fichier:ligne: champ : message. Code de
    sortie 1 s’il y a une erreur (ou un avertissement, avec --strict).
    """
    from macros.commands.check import check_clients

    settings = base_settings(clients_dir)
    chosen = client_slugs(slugs, all_clients, settings)
    failed = check_clients(settings, chosen, strict)
    if failed:
        what = "des erreurs ou des avertissements (--strict)" if strict else "des erreurs"
        err.print(
            Text(f"{count(failed, 'client', space=' ')} sur {len(chosen)} avec {what}.", style="bold red")
        )
        sys.exit(EXIT_FAILED)
    err.print(Text(f"{count(len(chosen), 'client vérifié', 'clients vérifiés', space=' ')} : aucune erreur."))


@cli.command(context_settings=_CONTEXT)
@_selection
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="interne",
    show_default=True,
    help="interne : kit de relecture ; public : site pour les habitants.",
)
@click.option(
    "--no-pdf",
    "no_pdf",
    is_flag=True,
    help="Ne pas produire les livrets PDF ni le cahier des charges en DOCX et ODT (site seul, plus rapide).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Réimprimer tous les PDF (et refaire le DOCX et l’ODT), même ceux dont rien n’a changé.",
)
@click.option(
    "-j",
    "--jobs",
    type=french.AtLeast(1),
    metavar="NOMBRE",
    default=None,
    help="Nombre de constructions simultanées (par défaut : nombre de processeurs).",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier de sortie (par défaut site/interne ou site/public) ; un sous-dossier par client.",
)
@_clients_dir_option
def build(
    slugs: tuple[str, ...],
    all_clients: bool,
    audience: str,
    no_pdf: bool,
    force: bool,
    jobs: int | None,
    out_dir: Path | None,
    clients_dir: Path | None,
) -> None:
    """Construit le site (et les livrets PDF) de chaque client.

    Plusieurs clients sont construits en parallèle ; un client en échec
    n’arrête pas les autres et il est nommé à la fin (code de sortie 1).
    Un site n’est remplacé que par une construction réussie, et seulement
    s’il vient lui-même d’une construction du kit. KIT_SITE_URL donne
    l’adresse de publication de chaque site, {client} valant l’identifiant
    du client (https://exemple.github.io/kits/{client}/).
    """
    from macros.commands.build import default_out, run_build

    settings = base_settings(clients_dir)
    chosen = client_slugs(slugs, all_clients, settings)
    workers = jobs or min(len(chosen), os.cpu_count() or 1)
    ok = run_build(
        settings,
        chosen,
        audience=audience,
        out_dir=out_dir or default_out(audience),
        pdf=not no_pdf,
        workers=workers,
        force=force,
    )
    if not ok:
        sys.exit(EXIT_FAILED)


@cli.command(context_settings=_CONTEXT)
@click.argument("slug", metavar="CLIENT")
@click.option(
    "--adresse", "dev_addr", default="127.0.0.1:8000", show_default=True, help="Adresse et port du serveur."
)
@click.option(
    "--audience",
    type=click.Choice(AUDIENCES),
    default="interne",
    show_default=True,
    help="interne : kit de relecture ; public : aperçu du site pour les habitants.",
)
@click.option("--ouvrir", "open_browser", is_flag=True, help="Ouvrir le site dans le navigateur.")
@_clients_dir_option
def serve(slug: str, dev_addr: str, audience: str, open_browser: bool, clients_dir: Path | None) -> None:
    """Sert le site d’un client, reconstruit à chaque modification.

    Si le kit contient des erreurs, leur liste s’affiche dans le navigateur
    à la place du site, jusqu’à la prochaine modification qui les corrige.
    Les livrets PDF du kit de relecture sont imprimés à la demande.
    """
    from macros.commands.common import known_clients
    from macros.commands.serve import serve_client
    from macros.errors import unknown

    settings = base_settings(clients_dir)
    if check_slug(slug) not in known_clients(settings):
        raise KitAbort(unknown("client", slug, known_clients(settings)) + f" dans {settings.clients_dir}")
    serve_client(settings, slug, dev_addr=dev_addr, open_browser=open_browser, audience=audience)


@cli.command(context_settings=_CONTEXT)
@_selection
@click.option(
    "--remote",
    default="origin",
    show_default=True,
    help="Dépôt où publier : nom d’un remote git, URL ou chemin.",
)
@click.option(
    "--branche", "branch", default="gh-pages", show_default=True, help="Branche servie par GitHub Pages."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Dossier de la construction publique (par défaut site/public).",
)
@_clients_dir_option
def publish(
    slugs: tuple[str, ...],
    all_clients: bool,
    remote: str,
    branch: str,
    out_dir: Path | None,
    clients_dir: Path | None,
) -> None:
    """Publie le site public de clients sur une branche gh-pages, un dossier par client.

    Seul le site public est publié, et seulement s’il vient d’une
    construction publique réussie des sources actuelles :
    kit build CLIENT --audience public. Chaque client va dans son dossier
    CLIENT/ de la branche (servi à https://<compte>.github.io/<dépôt>/CLIENT/),
    sans toucher aux sites des autres clients.
    """
    from macros.commands.build import default_out
    from macros.commands.publish import publish_sites

    settings = base_settings(clients_dir)
    chosen = client_slugs(slugs, all_clients, settings)
    done = publish_sites(
        settings, chosen, remote=remote, branch=branch, out_dir=out_dir or default_out("public")
    )
    names = ", ".join(f"« {slug} »" for slug in chosen)
    for slug in done.unaddressed:
        err.print(
            Text(
                f"Attention : « {slug} » a été construit sans adresse (KIT_SITE_URL) : sa page 404 et son plan du site "
                f"ne fonctionneront pas sous /<dépôt>/{slug}/ ; reconstruisez avec KIT_SITE_URL=https://<compte>.github.io/<dépôt>/{{client}}/"
            )
        )
    if done.commit is None:
        err.print(
            Text(
                f"Rien de nouveau pour {names} : la branche {done.branch} de {done.url} a déjà ces sites (aucun commit)."
            )
        )
    else:
        folders = ", ".join(f"{slug}/" for slug in chosen)
        err.print(
            Text(
                f"Site public de {names} publié sur la branche {done.branch} de {done.url} (commit {done.commit}), {'dossier' if len(chosen) < 2 else 'dossiers'} {folders}"
            )
        )


@cli.command(context_settings=_CONTEXT)
@click.option(
    "--sortie",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Fichier à écrire (par défaut schemas/client.schema.json).",
)
def schema(path: Path | None) -> None:
    """Écrit le schéma JSON de client.yml, pour l’éditeur (extension YAML de VS Code).

    L’éditeur complète alors les clés, les documente et souligne les fautes
    pendant la saisie.
    """
    from macros.commands.schema import SCHEMA_PATH, write_schema

    written = write_schema(path or SCHEMA_PATH)
    err.print(Text(f"Schéma écrit : {written}"))


@cli.command(context_settings=_CONTEXT)
@click.argument("slug", metavar="CLIENT")
@click.option(
    "--export",
    "export_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Écrire la grille à remplir en atelier : FICHIER.xlsx ou FICHIER.ods.",
)
@click.option(
    "--import",
    "import_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Reprendre dans client.yml les notes et raisons d’une grille remplie (.xlsx ou .ods).",
)
@click.option("--ecraser", "overwrite", is_flag=True, help="Avec --export : remplacer un fichier existant.")
@_clients_dir_option
def roi(
    slug: str, export_path: Path | None, import_path: Path | None, overwrite: bool, clients_dir: Path | None
) -> None:
    """Affiche le classement R.O.I. citoyen d’un client, pour l’atelier.

    Avec --export, écrit la grille de l’atelier (une feuille par scénario) ;
    avec --import, reprend dans client.yml les notes et raisons de la grille
    remplie, sans toucher au reste du fichier, puis vérifie le kit et affiche
    le nouveau classement.
    """
    import dataclasses

    from macros.errors import KitError
    from macros.loading.kit import load_kit

    if export_path is not None and import_path is not None:
        raise click.UsageError("--export et --import ne vont pas ensemble : l’un ou l’autre")
    settings = dataclasses.replace(base_settings(clients_dir), slug=check_slug(slug))
    try:
        kit = load_kit(settings)
    except KitError as exc:
        for problem in exc.problems:
            out.print(Text(str(problem)))
        raise KitAbort(f"le kit de « {slug} » contient des erreurs") from None
    if (export_path is not None or import_path is not None) and not kit.has_roi_tool:
        raise KitAbort(
            f"la mission « {kit.offer.title} » n’a ni atelier ni outil « R.O.I. citoyen » : "
            "aucune grille à écrire ni à reprendre"
        )
    if export_path is not None:
        from macros.commands.roi import export_grid

        written = export_grid(kit, export_path, overwrite)
        err.print(
            Text(f"Grille écrite : {written} (une feuille par scénario ; une case vide n’est pas notée).")
        )
        err.print(Text(f"Remplissez-la en atelier, puis : kit roi {slug} --import {export_path}"))
        return
    if import_path is not None:
        from macros.commands.roi import run_import

        try:
            run_import(kit, import_path, out)
        except KitError as exc:
            for problem in exc.problems:
                out.print(Text(str(problem)))
            raise KitAbort(
                f"grille refusée : client.yml n’a pas été modifié ({count(len(exc.problems), 'problème', space=' ')})"
            ) from None
        return
    from macros.compute.roi.summary import print_summary

    print_summary(kit, out)


@cli.command(context_settings=_CONTEXT)
@click.argument("slug", metavar="CLIENT")
@click.argument("file", metavar="FICHIER", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--questionnaire",
    is_flag=True,
    help="Le fichier contient les réponses au questionnaire des participants.",
)
@click.option("--essai", "trial", is_flag=True, help="Montrer ce qui serait ajouté, sans rien écrire.")
@_clients_dir_option
def contributions(slug: str, file: Path, questionnaire: bool, trial: bool, clients_dir: Path | None) -> None:
    """Importe les avis recueillis (CSV, XLSX ou ODS) dans le dossier du client.

    Colonnes reconnues : date (AAAA-MM-JJ ou JJ/MM/AAAA), canal (un
    rendez-vous du programme ou un canal déclaré), theme, public (facultatif),
    texte. Les colonnes de données personnelles (nom, courriel, téléphone,
    adresse...) ne sont jamais enregistrées. Une ligne déjà importée n’est pas
    ajoutée deux fois. Avec --questionnaire : les réponses au questionnaire.
    """
    from macros.commands.contributions import import_file, print_report
    from macros.errors import KitError

    try:
        report = import_file(
            base_settings(clients_dir), check_slug(slug), file, questionnaire=questionnaire, trial=trial
        )
    except KitError as exc:
        for problem in exc.problems:
            out.print(Text(str(problem)))
        raise KitAbort("aucune ligne importée : corrigez le fichier puis relancez la commande") from None
    print_report(report, trial=trial)


def main(args: list[str] | None = None) -> None:
    """Entry point of the ``kit`` console script."""
    try:
        cli.main(args=args, prog_name="kit", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        err.print(Text("Interrompu."))
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.status if isinstance(exc, KitAbort) else exc.exit_code)
    except OSError as exc:  # a full disk, a read-only folder...: one French line, no traceback
        err.print(Text("Erreur : ", style="bold red") + Text(os_error_text(exc)))
        sys.exit(EXIT_FAILED)
