"""The build's notion of "now", fixed by ``SOURCE_DATE_EPOCH`` (reproducible builds).

mkdocs-macros' own ``now()`` reads the clock, so a page printing the date
would differ from one build to the next. The kit registers :func:`now` in its
place: with ``SOURCE_DATE_EPOCH`` set (as ``make`` and CI do), two builds of
the same sources print the same moment.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

__all__ = ["build_moment", "now"]


def build_moment(environ: dict[str, str] | None = None) -> datetime:
    """``SOURCE_DATE_EPOCH`` as an aware UTC datetime if set, else the current time."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), tz=UTC) if epoch.isdigit() else datetime.now(tz=UTC)


def now() -> datetime:
    """The ``now()`` of pages: the build moment, reproducible."""
    return build_moment()
