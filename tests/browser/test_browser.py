"""The built sites in a real browser: WCAG 2.1 AA, no third-party request.

Every page of the demo's review site and public site is opened in Debian's
Chromium, light and dark, desktop and mobile, plus the search dialog open once
per scheme on the desktop and the menu open on mobile; axe-core checks the
WCAG 2.0/2.1 A and AA rules on each. The same run records every request the
pages make: a public body's site may not send its readers' browsers to a third
party (RGPD).
"""

from __future__ import annotations

import pytest
from browser_run import LOCAL_SCHEMES, VIEW_NAMES, BrowserRun, Outcome

SITES = ("revue", "public")


@pytest.fixture(scope="session")
def browser_outcome(demo_site, demo_public_site) -> Outcome:
    return BrowserRun().run({"revue": demo_site.site, "public": demo_public_site.site})


@pytest.mark.parametrize("view", VIEW_NAMES)
@pytest.mark.parametrize("site", SITES)
def test_no_wcag_violation(browser_outcome, site, view):
    found = browser_outcome.violations[(site, view)]
    assert not found, f"{len(found)} non-conformité(s) WCAG 2.1 AA :\n" + "\n".join(found)


def test_every_page_was_audited(browser_outcome, demo_site, demo_public_site):
    assert len(browser_outcome.pages["revue"]) >= 3
    assert "404.html" in browser_outcome.pages["public"]
    assert not browser_outcome.wrong_scheme, "thème de couleurs non appliqué :\n" + "\n".join(
        browser_outcome.wrong_scheme
    )


def test_no_third_party_request(browser_outcome):
    assert browser_outcome.requests, "aucune requête enregistrée : l’enregistrement ne fonctionne pas"
    foreign = sorted(
        {u for u in browser_outcome.requests if not u.startswith(("http://127.0.0.1:", *LOCAL_SCHEMES))}
    )
    assert not foreign, "requêtes vers des tiers :\n" + "\n".join(foreign)


def test_no_broken_resource_nor_script_error(browser_outcome):
    assert not browser_outcome.failures, "\n".join(browser_outcome.failures)
