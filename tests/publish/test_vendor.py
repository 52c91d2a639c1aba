"""The reader's npm packages (issue 14): exactly the listed files, served by the app and copied
into static builds, so both ship the same bytes; nothing else of a package is reachable."""

from __future__ import annotations

from pathlib import Path

from handscroll.config import Settings
from handscroll.model import Feature, Paragraph
from handscroll.publish.vendor import VENDORS, WRAPPED, vendor_files
from publish.builders import fill_library
from publish.conftest import ClientFactory


def _fake_node_modules(root: Path) -> Path:
    """A node_modules with every listed file, plus files that must never be shipped."""
    for vendor in VENDORS:
        base = root / vendor.folder
        for pattern in vendor.files:
            name = pattern.replace("*", "shipped")
            (base / name).parent.mkdir(parents=True, exist_ok=True)
            (base / name).write_bytes(f"{vendor.name}:{name}".encode())
        (base / "not-listed.js").write_text("secret", encoding="utf-8")
    return root


def test_only_the_listed_files_are_found(tmp_path: Path) -> None:
    files = vendor_files(_fake_node_modules(tmp_path / "node_modules"))
    assert "fonts/source-serif-4-latin-400-normal.woff2" in files
    assert "openseadragon/images/shipped.png" in files
    assert "world-atlas/countries-50m.json" in files
    assert not any(name.endswith("not-listed.js") for name in files)


def test_the_app_serves_the_listed_files_and_nothing_else(make_client: ClientFactory) -> None:
    reader = make_client([Feature(title="T", slug="t", blocks=(Paragraph(text="x"),))])
    files = vendor_files()
    if not files:
        assert reader.get("/static/vendor/fonts/source-serif-4-latin-400-normal.woff2").status_code == 404
        return
    for name, path in files.items():
        answer = reader.get(f"/static/vendor/{name}")
        assert answer.status_code == 200 and answer.content == path.read_bytes(), name
    assert reader.get("/static/vendor/openseadragon/openseadragon.js.map").status_code == 404
    assert reader.get("/static/vendor/fonts/../../../pyproject.toml").status_code == 404


def test_a_static_build_copies_the_same_files(tmp_path: Path) -> None:
    from handscroll.publish.site import build_site
    from handscroll.store import Library

    url = f"sqlite:///{tmp_path / 'library.db'}"
    fill_library(url, [Feature(title="T", slug="t", blocks=(Paragraph(text="x"),))])
    out = tmp_path / "site"
    with Library.open(url) as library:
        build_site(library, out, Settings(db=url))
    shipped = {
        p.relative_to(out / "static" / "vendor").as_posix(): p
        for p in (out / "static" / "vendor").rglob("*")
        if p.is_file() and "leaflet/" not in p.as_posix() and p.name != "porter2.js"
    }
    files = vendor_files()
    assert set(shipped) == set(files) | set(WRAPPED)  # and the base map as a script, for file://
    assert all(shipped[name].read_bytes() == path.read_bytes() for name, path in files.items())
    css = (out / "static" / "handscroll.css").read_text(encoding="utf-8")
    for font in (n for n in files if n.startswith("fonts/")):
        assert f'url("vendor/{font}")' in css
