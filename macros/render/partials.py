"""Long French texts of the handbooks, as Jinja partials filled from the model.

The partials live in ``overrides/partials/livrets/``: they are the project's
own templates, never client data. They are rendered here with autoescape on
and strict undefined names, so that every value taken from ``client.yml``
comes out escaped and a misspelt name stops the build. The result is one
block of HTML without blank lines, which Markdown passes through untouched.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import jinja2

from macros.compute.fmt import day
from macros.render.html import Markup
from macros.settings import PROJECT_DIR

__all__ = ["PARTIALS_DIR", "render_partial"]

PARTIALS_DIR = PROJECT_DIR / "overrides" / "partials" / "livrets"
_BLANK_LINES = re.compile(r"\n\s*\n+")


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(PARTIALS_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date_longue"] = lambda d, pattern="EEEE d MMMM y": day(d, pattern)
    env.filters["lower_first"] = lambda s: (s[:1].lower() + s[1:]).rstrip(" .") if s else s
    env.filters["sans_point"] = lambda s: s.rstrip(" .") if s else s
    return env


def render_partial(name: str, **values: Any) -> Markup:
    """``render_partial("invitation.html", kit=kit, ...)``: escaped HTML, one block."""
    html = _environment().get_template(name).render(**values)
    return Markup(_BLANK_LINES.sub("\n", html).strip())
