"""``kit build --all`` on twenty clients, two of them broken.

One client has invalid data (mkdocs-macros then exits), another a page with
a dead link (a warning, fatal in strict mode). The batch goes on past both,
shows its progress, names them at the end with their errors and exits 1;
their previous good sites are left untouched and every other client is
built, although workers build client after client in the same process.
"""

from __future__ import annotations

import shutil

from test_cli import kit

BROKEN = "ville-13"
WARNED = "ville-04"


def make_clients(folder, count: int = 20) -> list[str]:
    first = "ville-01"
    assert (
        kit(
            "new", first, "--offre", "concertation", "--nom", "Ville 1", "--clients-dir", str(folder)
        ).returncode
        == 0
    )
    template = (folder / first / "client.yml").read_text(encoding="utf-8")
    slugs = [first]
    for n in range(2, count + 1):
        slug = f"ville-{n:02d}"
        shutil.copytree(folder / first, folder / slug)
        (folder / slug / "client.yml").write_text(
            template.replace('nom: "Ville 1"', f'nom: "Ville {n}"'), encoding="utf-8"
        )
        slugs.append(slug)
    return slugs


def test_build_all_survives_a_broken_client(tmp_path):
    clients, out = tmp_path / "clients", tmp_path / "sites"
    slugs = make_clients(clients)
    broken = clients / BROKEN / "client.yml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("  type: commune", "  type: village"), encoding="utf-8"
    )
    page = "---\ntitle: Liens\naudience: [agents]\n---\n\n# Liens\n\nVoir [la page absente](absente.md).\n"
    (clients / WARNED / "pages" / "liens.md").write_text(page, encoding="utf-8")
    for slug in (BROKEN, WARNED):  # the last good sites of these two, as a kit build leaves them
        (out / slug).mkdir(parents=True)
        (out / slug / "index.html").write_text("dernier bon site", encoding="utf-8")
        (out / slug / ".kit-site").write_text("construit par kit build", encoding="utf-8")

    site_url = "https://exemple.github.io/kits/{client}/"  # each client at its own address
    result = kit(
        "build",
        "--all",
        "-j",
        "2",
        "--no-pdf",
        "--out",
        str(out),
        env={"KIT_CLIENTS_DIR": str(clients), "KIT_SITE_URL": site_url},
    )

    assert result.returncode == 1
    log = result.stderr
    assert "Traceback" not in log
    for n, slug in enumerate(slugs, 1):
        assert f"[{n}/20] " in log  # progress, one line per finished client
        if slug not in (BROKEN, WARNED):
            assert f"✓ {slug} : construit" in log
            assert "Ville " in (out / slug / "index.html").read_text(encoding="utf-8")
            sitemap = (out / slug / "sitemap.xml").read_text(encoding="utf-8")
            assert f"<loc>https://exemple.github.io/kits/{slug}/</loc>" in sitemap
            assert sitemap.count("<loc>https://exemple.github.io/kits/") == sitemap.count("<loc>")
    assert f"✗ {BROKEN} : ÉCHEC" in log and f"✗ {WARNED} : ÉCHEC" in log
    assert f"{BROKEN}/client.yml:" in log and "collectivite.type" in log
    assert f"{WARNED}/pages/liens.md:8: lien ou image « absente.md » : fichier introuvable" in log
    assert "avertissements refusés en mode strict" in log
    assert log.rstrip().endswith(f"2 clients en échec : {WARNED}, {BROKEN}")
    assert "18 kits construits sur 20" in log
    for slug in (BROKEN, WARNED):
        assert (out / slug / "index.html").read_text(encoding="utf-8") == "dernier bon site"
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [*slugs, ".kit"]
    )  # no temporary folder left behind


def test_site_urls_of_a_batch_need_the_client_placeholder(tmp_path):
    result = kit(
        "build",
        "ville-01",
        "ville-02",
        "--out",
        str(tmp_path / "s"),
        env={"KIT_SITE_URL": "https://exemple.github.io/kits/"},
    )
    assert result.returncode == 1
    assert (
        "KIT_SITE_URL « https://exemple.github.io/kits/ » donnerait la même adresse à tous les clients"
        in result.stderr
    )
    bad = kit(
        "build", "ville-01", "--out", str(tmp_path / "s"), env={"KIT_SITE_URL": "exemple.github.io/kits"}
    )
    assert (
        bad.returncode == 1
        and "adresse du site invalide « exemple.github.io/kits » (KIT_SITE_URL)" in bad.stderr
    )
    assert not (tmp_path / "s").exists()


def test_a_new_build_replaces_the_site_whole(tmp_path):
    clients, out = tmp_path / "clients", tmp_path / "sites"
    make_clients(clients, count=1)
    stale = out / "ville-01" / "ancienne-page" / "index.html"
    stale.parent.mkdir(parents=True)
    stale.write_text("ancienne page")
    (out / "ville-01" / ".kit-site").write_text("construit par kit build")  # a previous kit build made it
    result = kit("build", "ville-01", "--no-pdf", "--out", str(out), "--clients-dir", str(clients))
    assert result.returncode == 0, result.stderr
    assert not stale.exists()
    assert (out / "ville-01" / "index.html").is_file()
