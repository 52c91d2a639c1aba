"""Facts about Chinese text every stage shares (text/cjk.py)."""

from __future__ import annotations

import pytest

from handscroll.text.cjk import romanized_tail


@pytest.mark.parametrize(
    ("chinese", "english", "tail"),
    [
        ("則以延安", "Yan'an", "延安"),
        ("戰時首都重慶", "Chongqing", "重慶"),  # 重 read chong, not zhong
        ("还有周恩来", "Zhou Enlai", "周恩来"),
        ("長春", "Changchun", "長春"),
        ("呂梁", "Lüliang", "呂梁"),
        ("廬山牯嶺", "Kuling", None),  # an older romanization spells nothing
        ("美國駐華大使赫爾利", "Patrick J. Hurley", None),
        ("國民政府", "Nationalist Government", None),
        ("重慶", "", None),
    ],
)
def test_a_pinyin_gloss_says_where_a_chinese_name_starts(
    chinese: str, english: str, tail: str | None
) -> None:
    assert romanized_tail(chinese, english) == tail
