"""Pinyin written as words, the way Hanyu Pinyin orthography writes names (issue 14).

The glossary keeps a syllable per character ("zhōng guó gòng chǎn dǎng"): that is
what search and dictionaries match. A reader is shown words, capitalised as the
proper names they are: "Zhōngguó Gòngchǎndǎng", "Máo Zédōng", "Hā'ěrbīn".

Words are found with the phrase dictionary pypinyin already reads names with;
what it does not know is taken two characters at a time (most words of names
are two syllables), and a lone character joins the word before it ("Gònghéguó").
A person's name is surname and given name; a place named in one English word is
one word. An apostrophe marks a syllable starting with a, o or e inside a word.
"""

from __future__ import annotations

from functools import cache

from handscroll.text.cjk import HAN_RUN, pinyin_syllables, to_simplified

SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
"""Common one-character surnames (Simplified)."""

COMPOUND_SURNAMES = frozenset({"欧阳", "司马", "诸葛", "上官", "司徒", "夏侯", "皇甫", "慕容", "东方"})

COMMON_ENGLISH = frozenset(
    """union river republic army party government mountain mountains lake sea province city county
    district agreement treaty conference campaign war battle incident movement airport station square
    university palace temple gate road railway bridge island islands strait bay mission committee
    league dynasty kingdom empire state states north south east west northeast northwest southeast
    southwest central inner outer new old great""".split()  # noqa: SIM905 - a word list reads best as words
)
"""English words that say a two-word name is not a person's ("Soviet Union", "Yellow River")."""


def pinyin_words(chinese: str, english: str = "") -> str:
    """The pinyin of a name as capitalised words; `english` (how the text names it) tells a
    person's name ("Zhou Enlai": surname, given name) or a one-word place ("Harbin")."""
    return _words(to_simplified("".join(HAN_RUN.findall(chinese))), _shape(english))


def _shape(english: str) -> str:
    words = english.split()
    if len(words) == 1:
        return "one"
    if len(words) == 2 and not any(w.lower().strip("’'") in COMMON_ENGLISH for w in words):
        return "person"
    return "words"


@cache
def _words(simplified: str, shape: str) -> str:
    syllables = pinyin_syllables(simplified)
    if not simplified or len(syllables) != len(simplified):
        return " ".join(syllables)
    if shape == "one" and len(simplified) <= 4:
        pieces = [len(simplified)]
    elif shape == "person" and 2 <= len(simplified) <= 4 and _surname(simplified):
        first = _surname(simplified)
        pieces = [first, len(simplified) - first]
    else:
        pieces = _segment(simplified)
    words, at = [], 0
    for size in pieces:
        words.append(_join(syllables[at : at + size]))
        at += size
    return " ".join(words)


def _surname(name: str) -> int:
    """How many characters of `name` are its surname (0: it does not start with a known one)."""
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return 2
    return 1 if name[0] in SURNAMES else 0


def _segment(text: str) -> list[int]:
    """Word lengths: known phrases (long ones split into known parts or pairs), unknown runs in
    pairs, a lone character joined to the word before it."""
    from pypinyin.phrases_dict import phrases_dict  # lazy: the tables are large

    sizes: list[int] = []
    at = 0
    run = 0  # unknown characters waiting to be paired
    while at < len(text):
        match = next(
            (n for n in range(min(7, len(text) - at), 1, -1) if text[at : at + n] in phrases_dict), 0
        )
        if match:
            sizes.extend(_pairs(run))
            run = 0
            sizes.extend(_split_known(text[at : at + match], phrases_dict))
            at += match
        else:
            run += 1
            at += 1
    sizes.extend(_pairs(run))
    merged: list[int] = []
    for size in sizes:
        if size == 1 and merged:
            merged[-1] += 1
        elif merged and merged[-1] == 1:
            merged[-1] += size
        else:
            merged.append(size)
    return merged


def _split_known(phrase: str, known: object) -> list[int]:
    """A long known phrase as its known parts (中国共产党: 中国 共产党), else in pairs."""
    if len(phrase) < 4:
        return [len(phrase)]
    for cut in range(2, len(phrase) - 1):
        head, tail = phrase[:cut], phrase[cut:]
        if head in known and (tail in known or len(tail) <= 3):  # type: ignore[operator]
            return [cut, *_split_known(tail, known)]
    return _pairs(len(phrase))


def _pairs(count: int) -> list[int]:
    """`count` characters as words of two; an odd one joins the last word."""
    if count == 0:
        return []
    sizes = [2] * (count // 2)
    if count % 2:
        sizes = [*sizes[:-1], 3] if sizes else [1]
    return sizes


def _join(syllables: list[str]) -> str:
    """Syllables as one capitalised word, an apostrophe before a, o or e inside it."""
    word = syllables[0]
    for syllable in syllables[1:]:
        word += ("'" if syllable[:1] in "aāáǎàoōóǒòeēéěè" else "") + syllable
    return word[:1].upper() + word[1:]
