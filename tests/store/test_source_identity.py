"""A source is one feature: a changed title renames it, with a redirect from the old slug (issue 10)."""

from __future__ import annotations

import unicodedata
from pathlib import Path

from handscroll.config import Settings
from handscroll.pipeline import import_paths
from handscroll.store import Library, Outcome

BODY = "The delegation reached Chongqing on 28 August 1945 and talks began the next day.\n"


def _write(path: Path, title: str, body: str = BODY) -> None:
    path.write_text(f"(1) {title}\n\n{body}", encoding="utf-8")


def test_a_changed_title_updates_the_feature_and_redirects_the_old_slug(
    tmp_path: Path, library_url: str
) -> None:
    source = tmp_path / "talks.txt"
    _write(source, "The Chongqing Talks")
    with Library.open(library_url) as library:
        import_paths([str(source)], library, Settings(), enrich=False)
        [before] = library.list_features()
        assert before.slug == "01-the-chongqing-talks"

        _write(source, "Talks in Chongqing")
        summary = import_paths([str(source)], library, Settings(), enrich=False)

        assert summary.report.outcomes == (("01-talks-in-chongqing", Outcome.UPDATED),)
        [after] = library.list_features()
        assert after.slug == "01-talks-in-chongqing"
        assert library.get_feature(after.slug).title == "Talks in Chongqing"
        assert library.redirect_for("01-the-chongqing-talks") == "01-talks-in-chongqing"

        # Renamed again: both old slugs lead to where the feature is now.
        _write(source, "Chongqing, 1945")
        import_paths([str(source)], library, Settings(), enrich=False)
        assert [f.slug for f in library.list_features()] == ["01-chongqing-1945"]
        assert library.redirects() == {
            "01-the-chongqing-talks": "01-chongqing-1945",
            "01-talks-in-chongqing": "01-chongqing-1945",
        }

        # And back: a slug in use is never a redirect.
        _write(source, "The Chongqing Talks")
        import_paths([str(source)], library, Settings(), enrich=False)
        assert [f.slug for f in library.list_features()] == ["01-the-chongqing-talks"]
        assert library.redirect_for("01-the-chongqing-talks") is None
        assert library.redirect_for("01-chongqing-1945") == "01-the-chongqing-talks"


def test_another_file_with_the_old_title_is_a_new_feature(tmp_path: Path, library_url: str) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    _write(first, "Old Name")
    with Library.open(library_url) as library:
        import_paths([str(first)], library, Settings(), enrich=False)
        _write(first, "New Name")
        _write(second, "Old Name", "Another account of the talks, written in 1950.\n")
        summary = import_paths([str(first), str(second)], library, Settings(), enrich=False)
        assert not summary.errors
        features = {f.slug: f.source for f in library.list_features()}
        assert features == {"01-new-name": str(first), "01-old-name": str(second)}
        assert library.redirects() == {}  # the old slug is a live feature again


def test_deleting_a_renamed_feature_drops_its_redirects(tmp_path: Path, library_url: str) -> None:
    source = tmp_path / "a.txt"
    _write(source, "Before")
    with Library.open(library_url) as library:
        import_paths([str(source)], library, Settings(), enrich=False)
        _write(source, "After")
        import_paths([str(source)], library, Settings(), enrich=False)
        library.delete_feature("01-after")
        assert library.redirect_for("01-before") is None


def test_nfc_and_nfd_text_are_one_feature(tmp_path: Path, library_url: str) -> None:
    source = tmp_path / "cafe.txt"
    nfd = unicodedata.normalize("NFD", "Café Society")
    source.write_text(f"(1) {nfd}\n\nThe café opened in 1946.\n", encoding="utf-8")
    with Library.open(library_url) as library:
        import_paths([str(source)], library, Settings(), enrich=False)
        [feature] = library.list_features()
        assert feature.title == "Café Society" == unicodedata.normalize("NFC", feature.title)
        assert feature.slug == "01-cafe-society"

        # The same text typed with precomposed letters: other bytes, the same feature.
        source.write_text(unicodedata.normalize("NFC", source.read_text(encoding="utf-8")), encoding="utf-8")
        summary = import_paths([str(source)], library, Settings(), enrich=False)
        assert summary.report.outcomes == (("01-cafe-society", Outcome.SKIPPED),)
        assert library.count_features() == 1
        assert "café" in library.get_feature(feature.slug).model_dump_json()


def test_a_library_from_before_0004_keeps_its_slugs_and_redirects_when_one_changes(
    tmp_path: Path, library_url: str
) -> None:
    from alembic import command
    from sqlalchemy import create_engine, update

    from handscroll.store.engine import alembic_config
    from handscroll.store.tables import FeatureRow

    source = tmp_path / "zhou.txt"
    _write(source, "Zhōu Ēnlái and the Café")
    with Library.open(library_url) as library:
        import_paths([str(source)], library, Settings(), enrich=False)
    engine = create_engine(library_url)
    try:
        with engine.begin() as conn:
            # The slug the slugify before python-slugify made, in a schema before 0004.
            conn.execute(update(FeatureRow).values(slug="01-zh-u-nl-i-and-the-caf"))
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0005_search")
    finally:
        engine.dispose()

    with Library.open(library_url) as library:  # upgraded to head on opening
        summary = import_paths([str(source)], library, Settings(), enrich=False)
        assert summary.report.outcomes == (("01-zh-u-nl-i-and-the-caf", Outcome.SKIPPED),)
        assert [f.slug for f in library.list_features()] == ["01-zh-u-nl-i-and-the-caf"]

        _write(source, "Zhōu Ēnlái and the Café", BODY + "\nHe returned to Yan'an in October.\n")
        import_paths([str(source)], library, Settings(), enrich=False)
        assert [f.slug for f in library.list_features()] == ["01-zhou-enlai-and-the-cafe"]
        assert library.redirect_for("01-zh-u-nl-i-and-the-caf") == "01-zhou-enlai-and-the-cafe"
