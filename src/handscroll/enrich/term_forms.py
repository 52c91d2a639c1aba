"""Find the bilingual and abbreviation forms in one text: "English (中文)" and its kin.

The glossary (`glossary.py`) works on whole features; this module only reads
one string and says where each definition stands, so that the forms can be
tested one sentence at a time. Forms found (issue 4):

- "Harbin (哈爾濱)", "Chinese Communist Party (CCP, 中國共產黨)",
  "Zhou Enlai (周恩來, later Premier)": English, then Chinese with an
  optional abbreviation and note; an aside about the picture ("蔣經國, in
  light colored coat in the front row", "left") is no note (issue 14);
- "哈爾濱 (Harbin)": Chinese, then English;
- "National Revolutionary Army (NRA)": an expansion and its abbreviation.

A parenthesis that fits none of these ("(4)", "(see below)", "(1945-1949)",
"(the Mongolian People's Republic)") is not a term.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from handscroll.enrich.term_titles import after_chinese_verb, split_chinese_title, split_english_title
from handscroll.text.cjk import HAN, HAN_RUN, has_han, is_han_only, romanized_tail

_PARENTHESIS = re.compile(r"[(（]([^()（）\n]{1,200})[)）]")
_PART_SEPARATOR = re.compile(r"\s*[,，;；、]\s*")
_ABBREVIATION = re.compile(r"[A-Z][A-Za-z&]{0,6}[A-Z]")
_TOKEN = re.compile(
    r"(?P<word>[^\W\d_](?:[^\W_]|[-’'](?=[^\W_]))*)|(?P<space>[ \t\u00a0]+)|(?P<other>.)", re.DOTALL
)
_POSSESSIVE = re.compile(r"[’']s$")
_ENGLISH_NAME = re.compile(r"[A-Z][^\d()]*")
_HAN_TAIL = re.compile(f"[{HAN}·・]+[ \t\u00a0]*$")
# Where a Chinese clause ends in "...進入哈爾濱 (Harbin)", the name starts after
# the last particle or common verb; without a word segmenter this is the cut.
_CHINESE_CUT = re.compile("[的在了和與与是於于到從从及並并將将被把向對对由為为入往至]")

_PICTURE_ASIDE = re.compile(
    r"(?:(?:the\s+)?(?:far|first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)?)\s+(?:from\s+(?:the\s+)?)?)?"
    r"(?:left|right|cent(?:re|er)|middle|front|back|rear|top|bottom)\b"
    r"|(?:in|at|with|wearing|standing|seated|sitting|holding|pictured)\s|on\s+the\s+(?:left|right)\b"
    r"|[左右]起?(?:第?[一二三四五六七八九十\d]+人?)?$|前排|後排|后排|中間|中间|居中|穿|戴|手持",
    re.IGNORECASE,
)
"""The start of a caption's aside about where a person stands in the picture or what they wear."""
_WEARING = re.compile("穿|戴|手持")
"""The asides that begin as a surname may (戴笠 Dai Li, 戴高樂 de Gaulle, 穿 rarely)."""

MAX_TERM_WORDS = 8
"""The longest English term, in words; longer runs of capitals are headings, not terms."""

_WINDOW = 200
"""How far back from its "(" an English name is looked for, in characters."""

_NEAR = 48
"""The characters read first: enough for most names and the word before them."""

MAX_CHINESE_BEFORE = 10
"""The longest Chinese name taken before "(English)" when no particle marks where it starts."""

PARTICLES = frozenset({"de", "du", "von", "van", "der", "al", "el"})
"""Lower-case words that open a surname ("de Gaulle", "von Hindenburg") as well as join a name."""
JOINERS = PARTICLES | {"of", "the", "and", "for", "on"}
"""Lowercase words that may stand inside a name ("Republic of China"), never at its end, and at its
start only a particle."""

HEAD_NOUNS = frozenset(
    """dynasty dynasties era period emperor empress river mountain mountains province county city
    lake sea strait island islands temple palace gate bridge railway road incident uprising
    rebellion movement campaign expedition treaty army party government clique faction
    university airport station square district prefecture region war""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Lowercase nouns that may end a name after a capitalised word ("Qing dynasty")."""

STOP_CAPITALS = frozenset(
    """The A An In On At By For From To With After Before During When While Since Under Over
    Meanwhile However Although Though This That These Those Its His Her Their Our My Your Left
    Right Above Below Photo And But Or Of As If Then Thus Also Both Each Every All Some Many
    Most Later Earlier Today Yesterday Here There It He She They We I""".split()  # noqa: SIM905 - a word list reads best as words
)
"""Capitalised words that open sentences or captions and never begin a term."""


@dataclass(frozen=True)
class TermMatch:
    """One definition in a text: the forms it gives and where each stands.

    `start`/`end` cover the whole definition (English through ")"); the other
    offsets are None when that form is absent.
    """

    english: str
    chinese: str | None
    abbreviation: str | None
    note: str | None
    start: int
    end: int
    english_start: int
    english_end: int


def find_terms_in_text(text: str) -> list[TermMatch]:
    """Every bilingual or abbreviation definition in a text, in order of appearance."""
    matches: list[TermMatch] = []
    for parenthesis in _PARENTHESIS.finditer(text):
        found = _read_definition(text, parenthesis)
        if found is not None:
            matches.append(found)
    return matches


def _read_definition(text: str, parenthesis: re.Match[str]) -> TermMatch | None:
    inside = parenthesis.group(1).strip()
    parts = [part for part in _PART_SEPARATOR.split(inside) if part]
    open_at, end = parenthesis.start(), parenthesis.end()
    before = _HAN_TAIL.search(text, 0, open_at)
    # "周恩來 (Zhou Enlai, 左二)": Chinese only in an aside about the picture is still Chinese first.
    named = _chinese_names(parts, chinese_before=before is not None)
    if named:
        return _english_then_chinese(text, parts, named, open_at, end)
    if before is not None:
        return _chinese_then_english(text, parts, before, parenthesis)
    if len(parts) == 1 and _ABBREVIATION.fullmatch(parts[0]):
        return _expansion(text, parts[0], open_at, end)
    return None


def _chinese_names(parts: list[str], *, chinese_before: bool) -> list[str]:
    """The parts with Chinese in them that name the term, not an aside about the picture.

    "戴眼鏡者" (wearing glasses) is an aside beside a name, but "Dai Li (戴笠)" and "Charles de
    Gaulle (戴高樂)" begin with the surname 戴: with no other Chinese form in or before the
    parenthesis, such a part is the name.
    """
    named = [part for part in parts if has_han(part) and not is_picture_aside(part)]
    if named or chinese_before:
        return named
    return [part for part in parts if has_han(part) and _WEARING.match(part)]


def _english_then_chinese(
    text: str, parts: list[str], named: list[str], open_at: int, end: int
) -> TermMatch | None:
    chinese = [part for part in named if is_han_only(part)]
    if len(chinese) != 1:
        return None
    abbreviations = [part for part in parts if _ABBREVIATION.fullmatch(part)]
    notes = [
        part
        for part in parts
        if part not in chinese and part not in abbreviations and not is_picture_aside(part)
    ]
    extent = english_extent(text, open_at)
    if extent is None:
        return None
    start, stop = extent
    start = _person_after_of(text, start, stop, chinese[0])
    if len(chinese[0]) <= 5:  # a person's name: an office before it is a note (issue 12)
        name, office = split_english_title(text[start:stop])
        if office is not None:
            start = stop - len(name)
            notes.insert(0, office)
    return TermMatch(
        english=text[start:stop],
        chinese=chinese[0],
        abbreviation=abbreviations[0] if abbreviations else None,
        note=", ".join(notes) or None,
        start=start,
        end=end,
        english_start=start,
        english_end=stop,
    )


def is_picture_aside(part: str) -> bool:
    """Whether a part of a definition's parenthesis is an aside about the picture, not a note."""
    return _PICTURE_ASIDE.match(part) is not None


def _person_after_of(text: str, start: int, stop: int, chinese: str) -> int:
    """Start the name after its last "of" when the Chinese is a short name.

    "the Nationalist Government of Chiang Kai-shek (蔣介石)" glosses the man,
    not the government: a Chinese gloss of two or three characters is a
    person's or a place's name, while "Republic of China (中華民國)" and
    "Battle of Huaihai (淮海戰役)" keep their "of".
    """
    if len(chinese) > 3:
        return start
    joiner = text.rfind(" of ", start, stop)
    return start if joiner < 0 else joiner + len(" of ")


def _chinese_then_english(
    text: str, parts: list[str], before: re.Match[str], parenthesis: re.Match[str]
) -> TermMatch | None:
    names = [part for part in parts if _ENGLISH_NAME.fullmatch(part) and not _ABBREVIATION.fullmatch(part)]
    if not names:
        return None
    abbreviations = [part for part in parts if _ABBREVIATION.fullmatch(part)]
    notes = [
        part
        for part in parts
        if part not in names and part not in abbreviations and not is_picture_aside(part)
    ]
    run = HAN_RUN.search(before.group(0))
    if run is None:
        return None
    chinese = after_chinese_verb(run.group(0))
    cut = [m.end() for m in _CHINESE_CUT.finditer(chinese)]
    chinese = chinese[cut[-1] :] if cut else chinese[-MAX_CHINESE_BEFORE:]
    chinese, office = split_chinese_title(chinese, names[0])  # 美國駐華大使赫爾利 -> 赫爾利 (issue 12)
    # A pinyin gloss says where the name starts: 則以延安(Yan'an) is 延安 (issue 12).
    chinese = romanized_tail(chinese, names[0]) or chinese
    if not chinese:
        return None
    if office is not None:
        notes.insert(0, office)
    chinese_start = before.start() + run.start() + run.group(0).rindex(chinese)
    english_start = parenthesis.start(1) + parenthesis.group(1).index(names[0])
    return TermMatch(
        english=names[0],
        chinese=chinese,
        abbreviation=abbreviations[0] if abbreviations else None,
        note=", ".join([*names[1:], *notes]) or None,
        start=chinese_start,
        end=parenthesis.end(),
        english_start=english_start,
        english_end=english_start + len(names[0]),
    )


def _expansion(text: str, abbreviation: str, open_at: int, end: int) -> TermMatch | None:
    extent = english_extent(text, open_at)
    if extent is None:
        return None
    start = expansion_start(text[extent[0] : extent[1]], abbreviation)
    if start is None:
        return None
    start += extent[0]
    return TermMatch(
        english=text[start : extent[1]],
        chinese=None,
        abbreviation=abbreviation,
        note=None,
        start=start,
        end=end,
        english_start=start,
        english_end=extent[1],
    )


def english_extent(text: str, open_at: int) -> tuple[int, int] | None:
    """The span of the English name that ends just before the "(" at `open_at`.

    Work back over capitalised words, joiners inside ("Republic of China") and
    up to two generic nouns at the end ("Qing dynasty"); stop at punctuation,
    at a lowercase word, and at sentence openers ("The", "In"). A trailing
    possessive is not part of the name: "Chiang Kai-shek's (蔣介石)".
    """
    # Tokenising 200 characters per parenthesis was costly (issue 11): read the
    # last `_NEAR` first, and the whole window only when the walk passes their
    # first space (before it a token may be cut short; after it, none is).
    near = list(_TOKEN.finditer(text, max(0, open_at - _NEAR), open_at))
    found = _walk_back(near, exact_from=_first_space(near) if open_at > _NEAR else -1)
    if found is None:
        found = _walk_back(list(_TOKEN.finditer(text, max(0, open_at - _WINDOW), open_at)), exact_from=-1)
    words, seen_capital = found or ([], False)
    while words and not words[-1].group("word")[0].isupper() and words[-1].group("word") not in PARTICLES:
        words.pop()  # joiners at the front belong to the sentence ("of", "the"); "de" opens "de Gaulle"
    if not words or not seen_capital:
        return None
    start, stop = words[-1].start(), words[0].end()
    possessive = _POSSESSIVE.search(text, start, stop)
    if possessive is not None:
        stop = possessive.start()
    return start, stop


def _first_space(tokens: list[re.Match[str]]) -> int:
    """The index of the first space token: the tokens after it are those a longer window has too."""
    return next(
        (index for index, token in enumerate(tokens) if token.group("space") is not None), len(tokens)
    )


def _walk_back(tokens: list[re.Match[str]], exact_from: int) -> tuple[list[re.Match[str]], bool] | None:
    """The name's words, last first, and whether one is capitalised; None if the walk passed `exact_from`."""
    words: list[re.Match[str]] = []
    seen_capital = False
    for position in range(len(tokens) - 1, -1, -1):
        if position <= exact_from:  # the walk went where this window's tokens may differ
            return None
        token = tokens[position]
        word = token.group("word")
        if token.group("space") is not None or _is_initial_stop(tokens, position):
            continue
        if word is None or len(words) >= MAX_TERM_WORDS:
            break
        if word[0].isupper():
            if word in STOP_CAPITALS:
                break
            seen_capital = True
        else:
            joiner = word in JOINERS and seen_capital
            head = word in HEAD_NOUNS and not seen_capital and len(words) < 2
            if not (joiner or head):
                break
        words.append(token)
    return words, seen_capital


def _is_initial_stop(tokens: list[re.Match[str]], position: int) -> bool:
    """The full stop of an initial inside a name: the "." of "Patrick J. Hurley"."""
    if tokens[position].group("other") != "." or position == 0:
        return False
    before = tokens[position - 1].group("word")
    return before is not None and len(before) == 1 and before.isupper()


def expansion_start(candidate: str, abbreviation: str) -> int | None:
    """Where the expansion of an abbreviation starts in a candidate name, or None.

    The Schwartz-Hearst rule: the abbreviation's letters occur in order in the
    candidate, read from the end, and its first letter starts a word. It keeps
    "National Revolutionary Army (NRA)" and "Kuomintang (KMT)" and drops a
    capitalised run that does not spell the letters.
    """
    letters = [ch.lower() for ch in abbreviation if ch.isalnum()]
    position = len(candidate) - 1
    for number in range(len(letters) - 1, -1, -1):
        first = number == 0
        while position >= 0:
            ch = candidate[position].lower()
            at_word_start = position == 0 or not candidate[position - 1].isalnum()
            if ch == letters[number] and (not first or at_word_start):
                break
            position -= 1
        if position < 0:
            return None
        if not first:
            position -= 1
    return position
