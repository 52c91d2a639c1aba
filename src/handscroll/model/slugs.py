"""URL slugs for features: python-slugify for Latin text, pinyin words for Chinese.

A slug is a feature's name in every URL, so it must read well and stay put:
accents and tone marks fold to plain letters ("Zhōu Ēnlái" -> `zhou-enlai`)
and a Chinese title becomes pinyin words cut by pypinyin's own phrase
segmenter, so 重慶 reads `chongqing`, not a syllable per character.
"""

from __future__ import annotations

import unicodedata

from handscroll.text.cjk import HAN_RUN, pinyin_syllables, strip_tones, to_simplified

MAX_SLUG = 80
"""Longest slug made from a title (the column allows 120, for slugs given by hand)."""


def pinyin_words(chinese: str) -> list[str]:
    """Toneless pinyin of a Chinese run, one word per phrase ("重慶大轟炸" -> chongqing da hongzha)."""
    from pypinyin.seg.mmseg import seg  # lazy: the phrase tables are large

    words = []
    for word in seg.cut(to_simplified(chinese)):
        syllables = strip_tones("".join(pinyin_syllables(word)))
        if syllables:
            words.append(syllables)
    return words


def slugify(title: str, *, part: int | None = None, max_length: int = MAX_SLUG) -> str:
    """Turn a title into a URL slug; Chinese titles become pinyin.

    The part number leads (`04-soviet-withdrawal-...`) so that parts of a
    series sort together and two parts with the same title stay distinct.
    """
    from slugify import slugify as library_slugify  # lazy: `handscroll --help` stays fast

    text = unicodedata.normalize("NFC", title)
    text = HAN_RUN.sub(lambda m: f" {' '.join(pinyin_words(m.group()))} ", text)
    # An apostrophe joins its word ("China’s" -> chinas), as the slugs made before python-slugify did.
    text = text.replace("’", "").replace("'", "")
    prefix = f"{part:02d}-" if part is not None else ""
    body = library_slugify(text, max_length=max_length - len(prefix), word_boundary=True)
    if not body:
        return f"{part:02d}" if part is not None else "feature"
    return prefix + body
