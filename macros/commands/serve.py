"""``kit serve``: one client's site, rebuilt at each change, errors shown in the page.

MkDocs' own live-reload server and build, driven here rather than through
``mkdocs serve`` for three reasons:

- a build that fails does not leave the browser waiting: the French list of
  problems (the same as ``kit check``) replaces the site at once, as a page
  that reloads itself on the next good save;
- the "Télécharger les livrets" links work: a PDF of the review kit is
  printed on demand, the first time it is asked for after a rebuild, and the
  editable documents (DOCX, ODT) are converted on demand the same way;
- the terminal stays quiet and French: one line per rebuild, warnings and
  errors only from MkDocs and its plugins (no list of macros at each build).

``macros.site.plugin.KitPlugin.on_serve`` adds the client's folder and the
shared kit data to what is watched, wherever the client folder lives.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import re
import shutil
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from rich.text import Text

from macros.commands.common import KitAbort, err, os_error_text, select_client
from macros.commands.worker import Collector, failure_lines, french_message
from macros.compute.fmt import count
from macros.errors import KitError
from macros.settings import PROJECT_DIR, Settings, epoch_problem

__all__ = ["parse_address", "serve_client"]

_PDF_REQUEST = re.compile(r"(?:.*/)?livrets/(?P<name>[a-z0-9-]+\.(?:pdf|docx|odt))")


def parse_address(dev_addr: str) -> tuple[str, int]:
    """``127.0.0.1:8000`` → host and port, or a French refusal."""
    host, sep, port = dev_addr.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise KitAbort(f"adresse invalide « {dev_addr} » : hôte:port, par exemple 127.0.0.1:8000")
    return host, int(port)


def _check_port(host: str, port: int) -> None:
    """Refuse a busy port before building, in French (MkDocs would say it after, in English)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server itself does
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise KitAbort(_bind_message(exc, host, port)) from None


def _bind_message(exc: OSError, host: str, port: int) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (
            f"le port {port} de {host} est déjà utilisé (un autre kit serve ?) : "
            f"arrêtez-le ou choisissez un autre port, par exemple --adresse {host}:{port + 1}"
        )
    if isinstance(exc, socket.gaierror):
        return f"adresse inconnue « {host} » : donnez par exemple --adresse 127.0.0.1:{port}"
    return f"impossible d’écouter sur {host}:{port} : {os_error_text(exc)}"


class _Terminal(logging.Handler):
    """MkDocs' warnings and errors, one French line each (the common ones translated)."""

    def __init__(self, client_dir: Path) -> None:
        super().__init__(logging.WARNING)
        self.client_dir = client_dir

    def emit(self, record: logging.LogRecord) -> None:
        level = "Erreur" if record.levelno >= logging.ERROR else "Attention"
        err.print(Text(f"{level} : {french_message(record.getMessage().strip(), self.client_dir)}"))


def _quiet_logs(client_dir: Path) -> None:
    """Only warnings and errors reach the terminal; the server's chatter does not."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    logger.addHandler(_Terminal(client_dir))
    logging.getLogger("mkdocs.livereload").setLevel(logging.ERROR)


def _error_page(lines: Iterable[str], slug: str) -> str:
    items = "\n".join(f"<li><code>{escape(line)}</code></li>" for line in lines)
    return f"""<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>Kit de « {escape(slug)} » : erreurs à corriger</title>
<style>body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5}}
h1{{color:#a30000}}code{{white-space:pre-wrap}}li{{margin:.4rem 0}}</style></head>
<body><main>
<h1>Le kit de « {escape(slug)} » ne peut pas être construit</h1>
<p>Corrigez les erreurs ci-dessous et enregistrez : la page se recharge d’elle-même dès que le kit est de nouveau valide.</p>
<ul>
{items}
</ul>
</main></body>
</html>
"""


@dataclasses.dataclass
class _Session:
    """What the builder and the request handler share."""

    settings: Settings
    site_dir: Path
    lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    broken: bool = False
    error_html: bytes = b""

    def show_errors(self, lines: list[str]) -> None:
        self.broken = True
        self.error_html = _error_page(lines, self.settings.slug).encode("utf-8")
        shutil.rmtree(self.site_dir, ignore_errors=True)
        self.site_dir.mkdir(parents=True, exist_ok=True)
        (self.site_dir / "index.html").write_bytes(self.error_html)


def _problems(settings: Settings, collected: list[str], exc: BaseException) -> list[str]:
    """The kit's own problems if it has some (as ``kit check``), else what the build said."""
    from macros.commands.check import client_problems

    try:
        found = [str(p) for p in client_problems(settings)]
    except Exception:  # the build's own report, below, says enough
        found = []
    if found:
        return found
    if isinstance(exc, KitError):
        return [str(p) for p in exc.problems]
    return failure_lines(exc, collected, settings.client_dir)


def _errors(lines: list[str]) -> int:
    """The errors among the listed problems: the warnings that come with them (texts of the
    template still to fill…) do not stop the build and are not counted as errors."""
    return max(1, sum(1 for line in lines if not line.endswith(" (avertissement)")))


def _make_builder(session: _Session, get_config: Callable[[], Any], serve_url: str) -> Callable[..., None]:
    from mkdocs.commands.build import build

    public = session.settings.audience == "public"

    def builder(config: Any = None) -> None:
        start = time.perf_counter()
        collector = Collector(session.settings.client_dir)
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collector)
        with session.lock:
            try:
                if config is None:
                    config = get_config()
                    config.site_url = serve_url
                build(config, serve_url=None if public else serve_url)
            except (Exception, SystemExit) as exc:  # shown in the page, never a traceback
                lines = _problems(session.settings, collector.lines, exc)
                session.show_errors(lines)
                err.print(
                    Text(
                        f"✗ {count(_errors(lines), 'erreur', space=' ')} : la liste est affichée dans le navigateur.",
                        style="bold red",
                    )
                )
                return
            finally:
                logger.removeHandler(collector)
            session.broken = False
        seconds = f"{time.perf_counter() - start:.1f}".replace(".", ",")
        err.print(Text(f"✓ Kit reconstruit en {seconds} s."))

    return builder


def _print_on_demand(session: _Session, name: str) -> None:
    """Print the handbook ``name`` into the served site, if it is one and is missing."""
    from macros.outputs.pdf import HANDBOOKS, WORKSHEET_FILE, build_handbooks, handbook_file

    if session.broken or session.settings.audience == "public":
        return
    wanted = {handbook_file(h): h for h in HANDBOOKS}
    if name not in wanted and name != WORKSHEET_FILE:
        return
    with session.lock:
        if (session.site_dir / "livrets" / name).is_file():
            return
        err.print(Text(f"Impression de {name}…"))
        try:
            build_handbooks(
                session.site_dir,
                settings=session.settings,
                handbooks=(wanted[name],) if name in wanted else (),
                worksheet=name == WORKSHEET_FILE,
            )
        except (Exception, SystemExit) as exc:
            err.print(Text(f"Erreur : impression de {name} impossible : {exc}"))


def _convert_on_demand(session: _Session, name: str) -> None:
    """Write the editable documents (DOCX and ODT) into the served site if ``name`` is one of
    them and is missing: the home page links them, as ``kit build`` writes them."""
    from macros.loading.kit import load_kit
    from macros.outputs.office import EDITABLE, FORMATS, build_office_documents

    if session.broken or session.settings.audience == "public":
        return
    if name not in {document.file(fmt) for document in EDITABLE for fmt in FORMATS}:
        return
    with session.lock:
        if (session.site_dir / "livrets" / name).is_file():
            return
        err.print(Text(f"Conversion de {name}…"))
        try:
            build_office_documents(session.site_dir, load_kit(session.settings))
        except (Exception, SystemExit) as exc:
            err.print(Text(f"Erreur : conversion de {name} impossible : {exc}"))


def _produce_on_demand(session: _Session, name: str) -> None:
    if name.endswith(".pdf"):
        _print_on_demand(session, name)
    else:
        _convert_on_demand(session, name)


def _server(session: _Session, builder: Callable[..., None], host: str, port: int, mount_path: str) -> Any:
    from mkdocs.livereload import LiveReloadServer

    class KitServer(LiveReloadServer):
        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
            match = _PDF_REQUEST.fullmatch(path.removeprefix(self.mount_path.rstrip("/")).lstrip("/"))
            if match:
                _produce_on_demand(session, match["name"])
            return super()._serve_request(environ, start_response)

    server = KitServer(
        builder=builder, host=host, port=port, root=str(session.site_dir), mount_path=mount_path
    )

    def error_page(code: int) -> bytes | None:
        if session.broken:  # every address shows the errors, and reloads once they are fixed
            inject = getattr(server, "_inject_js_into_html", None)
            return inject(session.error_html, server._visible_epoch) if inject else session.error_html
        page = session.site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    return server


def _stop_on_sigterm() -> None:
    """SIGTERM ends the server as Ctrl-C does: the temporary site is removed."""

    def handler(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, handler)


def serve_client(
    settings: Settings, slug: str, *, dev_addr: str, open_browser: bool, audience: str = "interne"
) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.livereload import _serve_url

    problem = epoch_problem()
    if problem:
        raise KitAbort(problem)
    host, port = parse_address(dev_addr)
    _check_port(host, port)
    select_client(slug, settings.clients_dir, settings.kits_dir, audience)
    _quiet_logs(settings.clients_dir / slug)
    _stop_on_sigterm()
    session = _Session(
        dataclasses.replace(settings, slug=slug, audience=audience),
        Path(tempfile.mkdtemp(prefix="kit-serve-")),
    )
    config_file = str(PROJECT_DIR / "mkdocs.yml")

    def get_config() -> Any:
        return load_config(config_file=config_file, site_dir=str(session.site_dir), dev_addr=f"{host}:{port}")

    try:
        config = get_config()
    except ConfigurationError as exc:
        raise KitAbort(f"mkdocs.yml : {exc}") from None
    config.plugins.on_startup(command="serve", dirty=False)
    mount_path = urlsplit(config.site_url or "/").path
    config.site_url = serve_url = _serve_url(host, port, mount_path)
    builder = _make_builder(session, get_config, serve_url)
    server = _server(session, builder, host, port, mount_path)
    try:
        err.print(Text(f"Construction du kit de « {slug} » ({audience})…"))
        builder(config)
        server.watch(config.docs_dir)
        server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=builder)
        for item in config.watch:
            server.watch(item)
        err.print(
            Text(
                f"Kit servi sur {server.url} ; il se reconstruit à chaque modification (Ctrl-C pour arrêter)."
            )
        )
        try:
            server.serve(open_in_browser=open_browser)
        except OSError as exc:
            raise KitAbort(_bind_message(exc, host, port)) from None
        except KeyboardInterrupt:
            err.print(Text("Serveur arrêté."))
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(session.site_dir, ignore_errors=True)
