"""Publishing, review, schedules, editions in step and uploads, in the workspace itself, on both
databases (issue 13)."""

from __future__ import annotations

import io
import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from handscroll.config import Settings
from handscroll.errors import NotFoundError
from handscroll.model import feature_texts
from handscroll.pipeline import import_paths
from handscroll.publish.media import MediaLibrary
from handscroll.store import Library
from handscroll.workspace.accounts import Account, add_account
from handscroll.workspace.alignment import Step, editions_table, source_change
from handscroll.workspace.audit import entries
from handscroll.workspace.listing import edition, review_queue
from handscroll.workspace.media import (
    MAX_PIXELS,
    MediaFolders,
    UploadRefused,
    clean_image,
    store_upload,
    uses_of,
)
from handscroll.workspace.publishing import (
    PublishBlocked,
    overdue,
    publish,
    publish_due,
    schedule,
    unpublish,
)
from handscroll.workspace.review import approve, request_changes, submit, thread
from handscroll.workspace.revisions import latest_revision, revisions_of, save_revision
from handscroll.workspace.roles import NotAllowed, Role
from handscroll.workspace.states import State
from workspace.texts import PASSWORD, feature_text

T0 = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
SLUG = "01-the-river-port"


def people(library: Library) -> dict[str, Account]:
    return {
        name: add_account(library, name, role, PASSWORD)
        for name, role in (("cora", Role.CONTRIBUTOR), ("eddie", Role.EDITOR), ("pia", Role.PUBLISHER))
    }


def test_review_then_publish_writes_the_public_tables_and_only_then(library: Library) -> None:
    who = people(library)
    first = save_revision(library, None, feature_text(), who["cora"], "first draft", now=T0)
    with pytest.raises(NotFoundError):
        library.get_feature(SLUG)  # a draft is nowhere public
    submit(library, SLUG, who["cora"], "please look")
    assert [e.slug for e in review_queue(library)] == [SLUG]
    with pytest.raises(NotAllowed):
        approve(library, SLUG, who["cora"])
    request_changes(library, SLUG, who["eddie"], "the caption needs a date")
    assert edition(library, SLUG).state is State.DRAFT  # type: ignore[union-attr]
    fixed = save_revision(
        library, SLUG, feature_text(caption="Boats at the quay, 1935."), who["cora"], "", first.id
    )
    submit(library, SLUG, who["cora"], "dated")
    approve(library, SLUG, who["eddie"], "good")
    with pytest.raises(NotAllowed):
        publish(library, SLUG, who["eddie"])
    published = publish(library, SLUG, who["pia"])
    assert published.id == fixed.id
    assert library.get_feature(SLUG).figures[0].caption == ("Boats at the quay, 1935.",)
    assert [c.kind.value for c in thread(library, SLUG)] == ["submit", "changes", "submit", "approve"]
    unpublish(library, SLUG, who["pia"])
    with pytest.raises(NotFoundError):
        library.get_feature(SLUG)
    assert edition(library, SLUG).state is State.UNPUBLISHED  # type: ignore[union-attr]


def test_a_figure_without_alt_text_blocks_publishing_until_its_picture_has_a_default(
    library: Library,
) -> None:
    who = people(library)
    save_revision(library, None, feature_text(alt=None), who["pia"])
    with pytest.raises(PublishBlocked) as blocked:
        publish(library, SLUG, who["pia"])
    assert blocked.value.missing == ["line 10: figure handscroll_sample_port01_1 has no alt text"]
    with pytest.raises(PublishBlocked):
        schedule(library, SLUG, who["pia"], T0 + timedelta(days=1))
    from handscroll.store.workspace_tables import MediaAssetRow
    from handscroll.workspace.db import writing

    with writing(library) as session:
        session.add(
            MediaAssetRow(
                media_id="handscroll_sample_port01_1", format="jpg", width=1, height=1, size=1,
                sha256="0" * 64, default_alt="Boats under a cliff", uploaded_by="pia", uploaded_at=T0,
                public=True,
            )
        )  # fmt: skip
    publish(library, SLUG, who["pia"])
    assert library.get_feature(SLUG).figures[0].alt == "Boats under a cliff"


def test_due_editions_are_published_once_by_workers_racing_for_them(library: Library) -> None:
    who = people(library)
    for n in range(4):
        save_revision(library, None, feature_text(title=f"Port {n}", part=n + 1), who["pia"])
        schedule(library, f"{n + 1:02d}-port-{n}", who["pia"], T0 + timedelta(minutes=n))
    assert publish_due(library, now=T0 - timedelta(minutes=1)).published == []
    assert [slug for slug, _ in overdue(library, now=T0 + timedelta(minutes=30))] == [
        f"{n + 1:02d}-port-{n}" for n in range(4)
    ]
    results: list[list[str]] = []

    def worker() -> None:
        results.append(publish_due(library, now=T0 + timedelta(hours=1)).published)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread_ in threads:
        thread_.start()
    for thread_ in threads:
        thread_.join()
    published = sorted(slug for done in results for slug in done)
    assert published == sorted(f"{n + 1:02d}-port-{n}" for n in range(4))  # each exactly once
    assert [e.action for e in entries(library, limit=200)].count("publish") == 4
    assert overdue(library, now=T0 + timedelta(hours=1)) == []


def test_a_changed_source_flags_the_aligned_blocks_of_its_translation(library: Library) -> None:
    who = people(library)
    english = save_revision(library, None, feature_text(), who["pia"])
    chinese = feature_text(
        title="河港",
        language="zh-Hant",
        slug="01-he-gang-zh-hant",
        caption="碼頭的船。",
        paragraph="港口隨河運而興。",
    )
    save_revision(library, None, chinese, who["pia"])
    [work] = editions_table(library)
    assert work.editions["en"][1] is Step.SOURCE and work.editions["zh-Hant"][1] is Step.UP_TO_DATE
    assert work.editions["zh-Hans"] == (None, Step.MISSING)
    assert source_change(library, "01-he-gang-zh-hant", chinese) is None
    save_revision(library, SLUG, feature_text(caption="Junks at the quay."), who["pia"], "", english.id)
    [work] = editions_table(library)
    assert work.editions["zh-Hant"][1] is Step.STALE
    change = source_change(library, "01-he-gang-zh-hant", chinese)
    assert change is not None and change.from_revision == english.id
    assert [c.label for c in change.flagged.values()] == ["figure handscroll_sample_port01_1"]
    assert list(change.flagged) == [1]  # the Chinese edition's first figure is block 1
    mine = latest_revision(library, "01-he-gang-zh-hant")
    assert mine is not None
    caught_up = chinese.replace("碼頭的船", "碼頭的帆船")
    save_revision(library, "01-he-gang-zh-hant", caught_up, who["pia"], "", mine.id, in_step=True)
    [work] = editions_table(library)
    assert work.editions["zh-Hant"][1] is Step.UP_TO_DATE
    assert source_change(library, "01-he-gang-zh-hant", caught_up) is None


def test_uploads_lose_their_location_keep_their_look_and_respect_the_limits() -> None:
    image = Image.new("RGB", (60, 40), (10, 200, 30))
    exif = image.getexif()
    exif[0x0112] = 6  # rotated: stored sideways
    exif[0x010F] = "A camera maker"
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (22.0, 17.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    clean = clean_image(out.getvalue())
    assert (clean.width, clean.height) == (40, 60)  # the orientation is baked in
    with Image.open(io.BytesIO(clean.data)) as kept:
        kept_exif = kept.getexif()
        assert 0x8825 not in kept_exif and kept_exif.get(0x010F) == "A camera maker"
        assert kept_exif.get(0x0112) in (None, 1)
    with pytest.raises(UploadRefused, match="limit"):
        clean_image(out.getvalue(), limit=100)
    wide = io.BytesIO()
    Image.new("1", (MAX_PIXELS // 1000 + 1000, 1000)).save(wide, "PNG")
    with pytest.raises(UploadRefused, match="41000 x 1000 pixels"):
        clean_image(wide.getvalue())
    truncated = out.getvalue()[: len(out.getvalue()) // 2]
    with pytest.raises(UploadRefused, match="damaged or incomplete"):
        clean_image(truncated)


def _picture(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(out, "PNG")
    return out.getvalue()


def test_publishing_brings_new_pictures_out_and_a_replacement_refreshes_every_size(
    library: Library, tmp_path: Path
) -> None:
    who = people(library)
    folders = MediaFolders(tmp_path / "media")
    store_upload(library, folders, who["cora"], "port-new_1", _picture((200, 0, 0)), default_alt="A red wall")
    assert folders.public_path("port-new_1") is None  # waiting, not public
    text = feature_text().replace("handscroll_sample_port01_1", "port-new_1")
    save_revision(library, None, text, who["cora"])
    publish(library, SLUG, who["pia"], media=folders)
    assert folders.public_path("port-new_1") is not None
    reader = MediaLibrary(folders.public, tmp_path / "cache")
    first = reader.derivative("port-new_1", "thumb")
    assert first is not None
    with Image.open(first) as made:
        assert made.convert("RGB").getpixel((5, 5))[0] > 150
    with pytest.raises(NotAllowed):
        store_upload(library, folders, who["cora"], "port-new_1", _picture((0, 0, 200)), replace=True)
    store_upload(library, folders, who["pia"], "port-new_1", _picture((0, 0, 200)), replace=True)
    again = reader.derivative("port-new_1", "thumb")
    assert again is not None
    with Image.open(again) as made:
        assert made.convert("RGB").getpixel((5, 5))[2] > 150  # remade from the new picture
    assert uses_of(library, "port-new_1") == [(SLUG, "The river port", "published")]


def test_reimporting_the_unchanged_file_keeps_what_the_editors_published(
    library: Library, tmp_path: Path
) -> None:
    who = people(library)
    source = tmp_path / "port.md"
    source.write_text(feature_text(), encoding="utf-8")
    settings = Settings(db="sqlite://")
    import_paths([str(source)], library, settings, enrich=False)
    first = latest_revision(library, SLUG)
    assert first is not None
    save_revision(library, SLUG, feature_text(caption="Junks at the quay."), who["pia"], "", first.id)
    publish(library, SLUG, who["pia"])
    import_paths([str(source)], library, settings, enrich=False)
    assert library.get_feature(SLUG).figures[0].caption == ("Junks at the quay.",)
    source.write_text(feature_text(caption="Sampans at the quay."), encoding="utf-8")
    import_paths([str(source)], library, settings, enrich=False)
    assert library.get_feature(SLUG).figures[0].caption == ("Sampans at the quay.",)
    assert [r.author for r in revisions_of(library, SLUG)] == ["import", "pia", "import"]


def test_features_imported_before_the_workspace_are_adopted_once(library: Library) -> None:
    from handscroll.store import ImportItem
    from handscroll.workspace.listing import adopt_library, list_editions
    from handscroll.workspace.revisions import read_revision_text

    feature = read_revision_text(feature_text())
    library.import_features([ImportItem(feature, "old.md", "1" * 64)])  # no revision, as before issue 13
    assert list_editions(library)[1] == 0
    assert adopt_library(library) == 1 and adopt_library(library) == 0
    [listed], total = list_editions(library)
    assert total == 1 and listed.state is State.PUBLISHED and listed.public
    assert [r.author for r in revisions_of(library, SLUG)] == ["import"]


def test_publishing_an_edition_aligns_its_work_s_glossaries_again(library: Library) -> None:
    """As a re-import would: the published edition keeps the terms its aligned edition names, and
    the aligned edition loses a term the published one no longer defines (issue 12 under issue 13)."""
    from handscroll.samples import FEATURES_DIR

    english = "01-the-chongqing-negotiations-and-the-double-tenth-agreement"
    traditional = "01-chongqing-tan-pan-yu-shuang-shi-xie-ding-zh-hant"
    paths = [str(FEATURES_DIR / "civil-war-01.txt"), str(FEATURES_DIR / "zh-hant" / "civil-war-01.txt")]
    import_paths(paths, library, Settings(db="sqlite://"))

    def terms(slug: str) -> dict[str, str | None]:
        return {t.english: t.aligned_from for t in library.get_enrichment(slug).terms}

    assert terms(traditional)["Double Tenth Agreement"] == "en"
    assert terms(english)["Patrick J. Hurley"] == "zh-Hant"
    pia = people(library)["pia"]
    first = latest_revision(library, english)
    assert first is not None and "Double Tenth Agreement (雙十協定)" in first.markdown
    plain = first.markdown.replace("Double Tenth Agreement (雙十協定)", "Double Tenth Agreement")
    plain = re.sub(r"(::: figure \S+\n)", r"\1alt: A photograph of the talks\n\n", plain)
    save_revision(library, english, plain, pia, "no Chinese name", first.id)
    publish(library, english, pia)
    assert "Double Tenth Agreement" not in terms(traditional)  # the English edition no longer names it
    assert terms(english)["Patrick J. Hurley"] == "zh-Hant"  # still given by the Chinese edition


def test_publishing_a_traditional_edition_converts_its_simplified_one_again(library: Library) -> None:
    """The Simplified edition converted at import (issue 12) follows what editors publish of the
    Traditional one (issue 13): readers of Simplified Chinese never get an older text's conversion."""
    from handscroll.samples import FEATURES_DIR

    traditional = "01-chongqing-tan-pan-yu-shuang-shi-xie-ding-zh-hant"
    paths = [str(FEATURES_DIR / "civil-war-01.txt"), str(FEATURES_DIR / "zh-hant" / "civil-war-01.txt")]
    import_paths(paths, library, Settings(db="sqlite://"))

    def text(slug: str) -> str:
        return "\n".join(words for _, words in feature_texts(library.get_feature(slug)))

    [derived] = [e for e in library.editions_of_feature(traditional) if e.derived]
    assert derived.language == "zh-Hans" and "编辑后" not in text(derived.slug)
    pia = people(library)["pia"]
    first = latest_revision(library, traditional)
    assert first is not None
    edited = re.sub(r"(::: figure \S+\n)", r"\1alt: 會談的照片\n\n", first.markdown)
    edited = edited.replace("\n::: figure", "\n這一段是編輯後加上的說明。\n\n::: figure", 1)
    mine = save_revision(library, traditional, edited, pia, "an editor's paragraph", first.id)
    publish(library, traditional, pia, settings=Settings(db="sqlite://"))
    [again] = [e for e in library.editions_of_feature(traditional) if e.derived]
    assert again.slug == derived.slug  # the same edition, converted again
    assert "这一段是编辑后加上的说明。" in text(again.slug)
    assert "這一段是編輯後加上的說明。" in text(traditional)
    messages = [r.message for r in revisions_of(library, again.slug)]
    assert messages[0] == f"converted from revision {mine.id} of {traditional}"
