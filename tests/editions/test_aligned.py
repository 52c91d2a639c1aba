"""Terms one edition names and its aligned edition only uses go to both (issue 12, item 4)."""

from __future__ import annotations

from pathlib import Path

from handscroll.config import Settings
from handscroll.editions.aligned import work_enrichments
from handscroll.enrich import enrich_feature
from handscroll.ingest import read_path
from handscroll.model import Enrichment, Feature, text_at
from handscroll.pipeline import enrich_library, import_paths
from handscroll.samples import FEATURES_DIR
from handscroll.store import Library

ENGLISH = FEATURES_DIR / "civil-war-01.txt"
TRADITIONAL = FEATURES_DIR / "zh-hant" / "civil-war-01.txt"
KEY = "handscroll_sample_civilwar:1"


def _edition(path: Path) -> tuple[Feature, Enrichment]:
    feature = read_path(path, Settings()).feature
    return feature, enrich_feature(feature)


def _work() -> dict[str, tuple[Feature, Enrichment]]:
    return {"en": _edition(ENGLISH), "zh-Hant": _edition(TRADITIONAL)}


def test_each_edition_gets_the_terms_the_other_names_in_the_paired_block() -> None:
    work = _work()
    english, traditional = (work_enrichments(KEY, work)[lang] for lang in ("en", "zh-Hant"))
    # The Chinese edition writes 赫爾利(Patrick J. Hurley); the English one says Patrick J. Hurley alone.
    hurley = next(t for t in english.terms if t.english == "Patrick J. Hurley")
    assert hurley.aligned_from == "zh-Hant" and hurley.traditional == "赫爾利"
    where = text_at(work["en"][0], hurley.definition.ref)
    assert where[hurley.definition.start : hurley.definition.end] == "Patrick J. Hurley"
    assert hurley.note is None  # 美國駐華大使 stays a Chinese note
    # The English edition writes Double Tenth Agreement (雙十協定); the Chinese says 《雙十協定》 alone.
    agreement = next(t for t in traditional.terms if t.english == "Double Tenth Agreement")
    assert agreement.aligned_from == "en" and agreement.chinese == "雙十協定"
    span = agreement.definition
    assert text_at(work["zh-Hant"][0], span.ref)[span.start : span.end] == "雙十協定"
    # The Chinese edition wrote 這座長江(Yangtze); the English Yangtze (長江) names it 長江.
    yangtze = next(t for t in traditional.terms if t.english == "Yangtze")
    assert yangtze.aligned_from is None and yangtze.chinese == "長江" and yangtze.simplified == "长江"
    span = yangtze.definition
    assert text_at(work["zh-Hant"][0], span.ref)[span.start : span.end].startswith("長江(Yangtze)")
    # A term the edition defines itself is kept as defined, never doubled.
    own = [t.english for t in traditional.terms if t.aligned_from is None]
    assert all(not (t.aligned_from and t.english in own) for t in traditional.terms)
    assert len({t.traditional for t in traditional.terms}) == len(traditional.terms)


def test_deriving_again_gives_the_same_terms() -> None:
    work = _work()
    once = work_enrichments(KEY, work)
    again = work_enrichments(KEY, {lang: (work[lang][0], once[lang]) for lang in work})
    assert again == once
    alone = work_enrichments(KEY, {"en": work["en"]})
    assert alone["en"] == work["en"][1]  # one edition alone is given nothing


def test_importing_an_edition_gives_the_stored_one_its_terms_and_enrich_keeps_them(library_url: str) -> None:
    with Library.open(library_url) as library:
        assert not import_paths([str(ENGLISH)], library, Settings(conversion="none")).failed
        english = library.list_features()[0].slug
        assert not any(t.aligned_from for t in library.get_enrichment(english).terms)  # type: ignore[union-attr]
        assert not import_paths([str(TRADITIONAL)], library, Settings(conversion="none")).failed
        terms = library.get_enrichment(english).terms  # type: ignore[union-attr]
        assert any(t.english == "Patrick J. Hurley" and t.aligned_from == "zh-Hant" for t in terms)
        # One glossary for the work: the English and the Chinese edition under one entry.
        entry = next(g for g in library.glossary() if g.english == "Chongqing" and g.traditional == "重慶")
        assert len(entry.slugs) == 2
        enrich_library(library, everything=True)
        assert library.get_enrichment(english).terms == terms  # type: ignore[union-attr]


def test_a_place_the_gazetteer_knows_only_in_english_is_resolved_in_the_chinese_edition() -> None:
    from handscroll.model import Figure, Paragraph

    def edition(language: str, text: str, caption: str) -> tuple[Feature, Enrichment]:
        feature = Feature(
            title="t",
            language=language,
            series="demo_weifang",
            part=1,
            blocks=(Paragraph(text=text), Figure(media="demo_weifang01_1", caption=(caption,))),
        )
        return feature, enrich_feature(feature)

    work = {
        "en": edition("en", "In 1948 the army took Weifang (濰坊) in Shandong.", "The walls of the city."),
        "zh-Hans": edition("zh-Hans", "1948年，大军攻下潍坊。", "城墙。"),
    }
    assert not work["zh-Hans"][1].places  # the gazetteer does not know 潍坊
    [place] = work_enrichments("demo_weifang:1", work)["zh-Hans"].places
    assert (place.modern_name, place.chinese, place.aligned_from) == ("Weifang", "潍坊", "en")
    span = place.mentions[0]
    assert text_at(work["zh-Hans"][0], span.ref)[span.start : span.end] == "潍坊"
