"""The agenda files of a build, added to MkDocs' files so that they are written,
served by ``mkdocs serve`` and counted by the public site's check like any page.

Both sites get one file per public rendez-vous and the programme; the review
kit also gets the mission's calendar (never the public site: the mission is
internal). The build moment (``SOURCE_DATE_EPOCH``) stamps every event, so two
builds of the same sources write the same bytes.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.files import File, Files

from macros.loading.kit import Kit
from macros.render.calendar import (
    MISSION_FILE,
    PROGRAMME_FILE,
    appointment_files,
    mission_calendar,
    programme_calendar,
)
from macros.site.reproducible import build_moment

__all__ = ["add_agenda_files"]


def _agenda(kit: Kit) -> dict[str, bytes]:
    stamp = build_moment()
    found = appointment_files(kit, stamp)
    programme = programme_calendar(kit, stamp)
    if programme is not None:
        found[PROGRAMME_FILE] = programme
    mission = mission_calendar(kit, stamp) if kit.settings.audience != "public" else None
    if mission is not None:
        found[MISSION_FILE] = mission
    return found


def add_agenda_files(files: Files, config: Any, kit: Kit) -> Files:
    for path, content in _agenda(kit).items():
        files.append(File.generated(config, path, content=content))
    return files
