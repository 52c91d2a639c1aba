"""What editors send, over real HTTP on SQLite and PostgreSQL (issue 13): hostile markup in every
editable field stays text in the editor, the preview and the public page; hostile uploads are
refused or made harmless; a stale save is refused with the diff; previews are marked and expire."""

from __future__ import annotations

import io
import re
import struct
import zlib
from datetime import UTC, datetime, timedelta

from PIL import Image

from handscroll.store import Library
from handscroll.workspace.accounts import account_named
from handscroll.workspace.previews import make_link
from handscroll.workspace.revisions import latest_revision
from workspace.site import SLUG, Site, logged_in

SCRIPT, IMG = "<script>alert(1)</script>", "<img src=x onerror=alert(1)>"


def hostile_text() -> str:
    """The feature with hostile markup in every field the format has."""
    return (
        f"---\ntitle: 'Port {SCRIPT}'\npart: 1\nseries: handscroll_sample_port\nlanguage: en\n"
        f"slug: {SLUG}\n---\n\n"
        f"The port {SCRIPT} grew {IMG}.\n\n"
        f"::: figure handscroll_sample_port01_1\nalt: Boats {IMG}\n\nCaption {SCRIPT}\n:::\n\n"
        f"::: note ebook\nA note {IMG}\n:::\n\n"
        "::: figure handscroll_sample_port01_2\nalt: A crane\n\nThe crane.\n:::\n\n"
        f"::: question Why {SCRIPT}?\nBecause {IMG}\n:::\n\n"
        f"::: credit\nPhotos {SCRIPT}\n:::\n"
    )


def assert_text_only(html: str, where: str) -> None:
    assert SCRIPT not in html and IMG not in html, f"raw markup in {where}"
    assert "&lt;script&gt;" in html or "\\u003cscript" in html, f"the payload vanished from {where}"


def png(size: tuple[int, int] = (40, 30), tail: bytes = b"") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(out, "PNG")
    return out.getvalue() + tail


def test_hostile_markup_in_every_field_is_text_in_editor_preview_and_public_page(site: Site) -> None:
    with Library.open(site.library_url) as library:
        latest = latest_revision(library, SLUG)
        assert latest is not None
    with logged_in(site, "pia") as pia:
        saved = pia.post(
            f"/edit/f/{SLUG}/save",
            {"markdown": hostile_text(), "base_id": str(latest.id), "message": f"note {SCRIPT}"},
        )
        assert saved.status_code == 303, saved.text[:500]
        assert pia.post(f"/edit/f/{SLUG}/comment", {"note": f"comment {IMG}"}).status_code == 303
        assert pia.post(f"/edit/f/{SLUG}/submit", {"note": f"submitted {SCRIPT}"}).status_code == 303
        pages = {
            "editor": pia.http.get(f"/edit/f/{SLUG}").text,
            "history": pia.http.get(f"/edit/f/{SLUG}/history").text,
            "compare": pia.http.get(f"/edit/f/{SLUG}/compare").text,
            "preview": pia.http.get(f"/edit/f/{SLUG}/preview").text,
        }
        assert pia.post(f"/edit/f/{SLUG}/publish").status_code == 303
        pages["public page"] = pia.http.get(f"/features/{SLUG}").text
        pages["API"] = pia.http.get(f"/api/features/{SLUG}").text
    for where, html in pages.items():
        if where != "API":
            assert_text_only(html, where)
    assert SCRIPT in pages["API"]  # JSON carries the text as text
    assert 'alt="Boats &lt;img src=x onerror=alert(1)&gt;"' in pages["public page"]  # its own alt text


def test_a_save_over_a_newer_revision_is_refused_with_the_diff_and_keeps_the_text(site: Site) -> None:
    with Library.open(site.library_url) as library:
        start = latest_revision(library, SLUG)
        assert start is not None
    base = start.markdown
    with logged_in(site, "eddie") as eddie, logged_in(site, "pia") as pia:
        first = pia.post(
            f"/edit/f/{SLUG}/save",
            {"markdown": re.sub(r"The crane\.", "The old crane.", base), "base_id": str(start.id)},
        )
        assert first.status_code == 303
        mine = base.replace("\n:::\n\n::: note", "\n:::\n\nMy own new paragraph.\n\n::: note", 1)
        refused = eddie.post(f"/edit/f/{SLUG}/save", {"markdown": mine, "base_id": str(start.id)})
        assert refused.status_code == 409
        assert "saved this edition after you started" in refused.text
        assert "<ins>old </ins>" in refused.text  # the word they changed, highlighted
        assert "My own new paragraph." in refused.text  # nothing is lost
        newest = re.search(r'name="base_id" value="(\d+)"', refused.text)
        assert newest is not None and int(newest.group(1)) > start.id
        again = eddie.post(f"/edit/f/{SLUG}/save", {"markdown": mine, "base_id": newest.group(1)})
        assert again.status_code == 303


def test_publishing_waits_for_alt_text_and_lists_what_is_missing(site: Site) -> None:
    with Library.open(site.library_url) as library:
        latest = latest_revision(library, SLUG)
        assert latest is not None
    text = re.sub(r"alt: .*\n\n", "", latest.markdown)
    with logged_in(site, "pia") as pia:
        assert (
            pia.post(f"/edit/f/{SLUG}/save", {"markdown": text, "base_id": str(latest.id)}).status_code == 303
        )
        refused = pia.post(f"/edit/f/{SLUG}/publish")
        assert refused.status_code == 409
        assert "figure handscroll_sample_port01_1 has no alt text" in refused.text
        assert "figure handscroll_sample_port01_2 has no alt text" in refused.text
        when = (datetime.now(UTC) + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
        assert pia.post(f"/edit/f/{SLUG}/schedule", {"at": when}).status_code == 409


def test_hostile_uploads_are_refused_or_made_harmless(site: Site) -> None:
    bomb = _png_header_only(50_000, 50_000)
    huge = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(huge, "PNG")
    with logged_in(site, "cora") as cora:

        def upload(name: str, data: bytes, media_id: str = "", kind: str = "image/png") -> str:
            answer = cora.post("/edit/media", {"media_id": media_id}, files={"file": (name, data, kind)})
            return answer.headers.get("location", "") if answer.status_code == 303 else answer.text

        assert "not a picture" in upload("notes.png", b"just some text, not an image")
        assert "not a picture" in upload(
            "drawing.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', kind="image/svg+xml"
        )
        assert "million pixels are accepted" in upload("huge.png", huge.getvalue())
        assert "million pixels are accepted" in upload("bomb.png", bomb)
        assert "not a media ID" in upload("x.png", png(), media_id="../../escape_1")
        assert upload("../../../etc/evil.png", png()) == "/edit/media/evil_1?done=uploaded"
        polyglot = png(tail=b"<html><script>alert(document.cookie)</script></html>")
        assert upload("poly.png", polyglot, media_id="poly_1") == "/edit/media/poly_1?done=uploaded"
        picture = cora.http.get("/edit/pictures/poly_1/thumb.webp")
        assert picture.status_code == 200 and picture.headers["content-type"] == "image/webp"
    stored = sorted(p.relative_to(site.media) for p in site.media.rglob("*") if p.is_file())
    uploads = [p for p in stored if p.parts[0] == ".workspace-uploads"]
    assert {p.name for p in uploads} >= {"evil_1.png", "poly_1.png"}
    assert not any("etc" in p.parts or p.name.startswith("escape") for p in stored)
    kept = (site.media / ".workspace-uploads" / "poly_1.png").read_bytes()
    assert b"<script" not in kept and b"<html" not in kept
    assert not (site.media / "poly_1.png").exists()  # not public until a feature using it is published


def test_a_preview_is_marked_unindexed_framed_only_by_the_editor_and_its_link_expires(site: Site) -> None:
    with logged_in(site, "eddie") as eddie:
        answer = eddie.http.get(f"/edit/f/{SLUG}/preview")
        assert "Preview, not published" in answer.text
        assert answer.headers["x-robots-tag"].startswith("noindex")
        assert '<meta name="robots" content="noindex' in answer.text
        assert "frame-ancestors 'self'" in answer.headers["content-security-policy"]
        assert "/media/" not in re.sub(r"/edit/pictures/", "", answer.text.split("<main", 1)[1])
        shared = eddie.post(f"/edit/f/{SLUG}/share", {"days": "1"})
        link = re.search(r'value="(http://[^"]+/edit/p/[^"]+)"', shared.text)
        assert link is not None
    import httpx2 as httpx

    outsider = httpx.get(link.group(1))
    assert outsider.status_code == 200 and "Preview, not published" in outsider.text
    with Library.open(site.library_url) as library:
        eddie_account = account_named(library, "eddie")
        latest = latest_revision(library, SLUG)
        assert eddie_account is not None and latest is not None
        old = make_link(library, eddie_account, latest.id, now=datetime.now(UTC) - timedelta(days=4))
    expired = httpx.get(f"{site.url}/edit/p/{old.token}")
    assert expired.status_code == 404 and "expired" in expired.text
    assert httpx.get(f"{site.url}/edit/p/not-a-token").status_code == 404


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a huge size in a tiny file: a decompression bomb's header."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )


def test_autosave_keeps_a_working_copy_per_editor_and_never_a_revision(site: Site) -> None:
    from handscroll.workspace.revisions import revisions_of
    from handscroll.workspace.working_copies import working_copy

    with Library.open(site.library_url) as library:
        before = revisions_of(library, SLUG)
    with logged_in(site, "eddie") as eddie:
        for n in range(3):
            text = before[0].markdown.replace("\n---\n", f"\n---\n\nTyping {n}.\n", 1)
            answer = eddie.post(
                f"/edit/f/{SLUG}/autosave",
                {"markdown": text, "base_id": str(before[0].id)},
                headers={"accept": "application/json"},
            )
            assert answer.status_code == 200 and answer.json()["reading"]["readable"]
        page = eddie.http.get(f"/edit/f/{SLUG}").text
        assert "Typing 2." in page and "your unsaved text" in page
        broken = eddie.post(f"/edit/f/{SLUG}/autosave", {"markdown": "no front matter", "base_id": "1"})
        problems = broken.json()["reading"]["problems"]
        assert broken.status_code == 200 and problems[0]["line"] == 1  # kept as typed, problem named
    with Library.open(site.library_url) as library:
        assert revisions_of(library, SLUG) == before
        from handscroll.workspace.accounts import account_named

        eddie_account, pia_account = account_named(library, "eddie"), account_named(library, "pia")
        assert eddie_account is not None and pia_account is not None
        copy = working_copy(library, eddie_account, SLUG)
        assert copy is not None and copy.markdown == "no front matter"
        assert working_copy(library, pia_account, SLUG) is None  # one per editor


def test_a_translation_shows_source_changed_and_the_editions_table_says_stale(site: Site) -> None:
    from handscroll.workspace.revisions import save_revision
    from workspace.texts import feature_text

    zh_slug = "01-he-gang-zh-hant"
    chinese = feature_text(title="河港", language="zh-Hant", slug=zh_slug, caption="碼頭的船。")
    with Library.open(site.library_url) as library:
        pia = account_named(library, "pia")
        english = latest_revision(library, SLUG)
        assert pia is not None and english is not None
        save_revision(library, None, chinese, pia, "the Traditional edition")
    with logged_in(site, "eddie") as eddie:
        table_before = eddie.http.get("/edit/editions").text
        assert "up to date" in table_before and f'href="/edit/f/{zh_slug}">up to date' in table_before
        # A caption paragraph more for the first figure, whatever the earlier tests left in the text.
        changed = re.sub(
            r"(::: figure handscroll_sample_port01_1\n(?:.*\n)*?):::",
            r"\1\nJunks were there too.\n:::",
            english.markdown,
            count=1,
        )
        assert changed != english.markdown
        assert (
            eddie.post(f"/edit/f/{SLUG}/save", {"markdown": changed, "base_id": str(english.id)}).status_code
            == 303
        )
        table = eddie.http.get("/edit/editions").text
        assert f'href="/edit/f/{zh_slug}">stale' in table
        page = eddie.http.get(f"/edit/f/{zh_slug}").text
        assert "Source changed" in page
        assert "block 2 of this edition, aligned with the source's figure handscroll_sample_port01_1" in page
        assert re.search(r"<ins>\s*Junks were there too\.</ins>", page)
