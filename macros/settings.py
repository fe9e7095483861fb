"""Where the kit lives and which client is built, from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AUDIENCES", "PROJECT_DIR", "Settings"]

PROJECT_DIR = Path(__file__).resolve().parent.parent
AUDIENCES = ("interne", "public")


@dataclass(frozen=True)
class Settings:
    """``KIT_CLIENT`` picks the client, ``KIT_CLIENTS_DIR`` where clients live,
    ``KIT_AUDIENCE`` whether the site is the review site or the public one."""

    slug: str = "demo"
    kits_dir: Path = PROJECT_DIR / "kits"
    clients_dir: Path = PROJECT_DIR / "kits" / "clients"
    audience: str = "interne"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, inherit: tuple[str, ...] = ()) -> Settings:
        """The selection from ``environ`` (the process environment by default);
        names in ``inherit`` missing from ``environ`` are read from the process."""
        env = dict(os.environ) if environ is None else dict(environ)
        for name in inherit:
            if name not in env and name in os.environ:
                env[name] = os.environ[name]
        kits_dir = Path(env.get("KIT_KITS_DIR") or PROJECT_DIR / "kits")
        clients = env.get("KIT_CLIENTS_DIR")
        return cls(
            slug=env.get("KIT_CLIENT") or "demo",
            kits_dir=kits_dir,
            clients_dir=Path(clients).expanduser() if clients else kits_dir / "clients",
            audience=env.get("KIT_AUDIENCE") or "interne",
        )

    @property
    def client_dir(self) -> Path:
        return self.clients_dir / self.slug
