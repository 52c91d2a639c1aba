"""Titles and offices are not names: 美國駐華大使赫爾利 is 赫爾利 with a note (issue 12).

Both editions put a person's office before the name: `美國駐華大使赫爾利(Patrick
J. Hurley)` and `the CCP Chairman Mao Zedong (毛澤東)`. The glossary keeps the
name as the term and the office as its note. Without a word segmenter the
cut is made at the last title word of a curated list, and only when what is
left looks like a person's name (two to five Han characters, or capitalised
English words), so that 國民政府 or 軍事調處執行部 are never cut.

A Chinese name before "(English)" also starts after the verb that governs it
(馬歇爾抵達上海 -> 上海), for which a list of common verbs of the register is kept.
"""

from __future__ import annotations

import re

from handscroll.text.cjk import HAN

CHINESE_TITLES: tuple[str, ...] = tuple(
    """大使 公使 特使 領事 领事 總統 总统 副總統 副总统 主席 副主席 委員長 委员长 總理 总理 首相
    院長 院长 部長 部长 外長 外长 省長 省长 市長 市长 總司令 总司令 司令員 司令员 司令 參謀長 参谋长
    軍長 军长 師長 师长 上將 上将 中將 中将 少將 少将 將軍 将军 元帥 元帅 總書記 总书记 書記 书记
    代表 特派員 特派员 專員 专员 主任 國務卿 国务卿 部隊長 局長 局长 領袖 领袖 夫人 教授 博士""".split()  # noqa: SIM905 - a word list
)
"""Offices and titles that stand before a person's name in the Chinese editions."""

ENGLISH_TITLES = frozenset(
    """Chairman Vice-Chairman President Vice-President Premier Prime Minister Foreign Ambassador Envoy
    General Generalissimo Marshal Field Admiral Colonel Major Captain Lieutenant Commander
    Commander-in-Chief Secretary Secretary-General Governor Mayor Commissioner Director Chief
    Emperor Empress King Queen Prince Princess Mr Mr. Mrs Mrs. Madame Dr Dr. Professor Consul
    Delegate Representative Leader""".split()  # noqa: SIM905 - a word list
)
"""English titles that may stand before a name ("the CCP Chairman Mao Zedong")."""

CHINESE_VERBS = re.compile(
    "抵達|抵达|到達|到达|飛抵|飞抵|前往|進入|进入|攻下|攻佔|攻占|佔領|占领|佔據|占据|收復|收复|撤出|撤離|撤离"
    "|離開|离开|返回|會見|会见|會晤|会晤|接見|接见|訪問|访问|派遣|派出|出任|擔任|担任|率領|率领|聯同|联同|邀請|邀请"
    "|出兵|包圍|包围|登陸|登陆|駐紮|驻扎|位於|位于|來自|来自|成立|簽訂|签订|經過|经过|途經|途经"
    "|設立|设立|組成|组成|召開|召开|簽署|签署|宣佈|宣布|發表|发表|擊敗|击败|支持|反對|反对|歡迎|欢迎|任命"
)
"""Verbs after which a Chinese name begins: 國軍攻下四平 names 四平."""

_TITLE = re.compile("|".join(sorted(map(re.escape, CHINESE_TITLES), key=len, reverse=True)))
_PERSON_NAME = re.compile(f"[{HAN}·・]{{2,5}}")
_ENGLISH_WORD = re.compile(r"\S+")
_INSTITUTION = frozenset(
    """party army government committee council congress conference assembly headquarters
    league bureau ministry office agreement treaty university association society""".split()  # noqa: SIM905 - a word list
)


def after_chinese_verb(chinese: str) -> str:
    """The part of a Han run after its last governing verb (the whole run when there is none)."""
    cuts = [m.end() for m in CHINESE_VERBS.finditer(chinese)]
    return chinese[cuts[-1] :] if cuts and cuts[-1] < len(chinese) else chinese


def split_chinese_title(chinese: str, english: str) -> tuple[str, str | None]:
    """(name, office) for `美國駐華大使赫爾利` glossed `Patrick J. Hurley`: (赫爾利, 美國駐華大使).

    Only a person's name is cut: the English gloss must not name an
    institution, and what follows the last title word must be two to five
    Han characters.
    """
    if _names_institution(english):
        return chinese, None
    found = list(_TITLE.finditer(chinese))
    if not found:
        return chinese, None
    cut = found[-1].end()
    name = chinese[cut:]
    if not _PERSON_NAME.fullmatch(name):
        return chinese, None
    return name, chinese[:cut]


def split_english_title(english: str) -> tuple[str, str | None]:
    """(name, office) for `CCP Chairman Mao Zedong`: (Mao Zedong, CCP Chairman).

    The cut is after the last title word that has a capitalised word after it;
    a name that is only a title (`Chairman`) or names an institution is kept whole.
    """
    if _names_institution(english):
        return english, None
    words = list(_ENGLISH_WORD.finditer(english))
    for index in range(len(words) - 2, -1, -1):
        if words[index].group() in ENGLISH_TITLES and words[index + 1].group()[:1].isupper():
            name = english[words[index + 1].start() :]
            if name.split()[0] in ENGLISH_TITLES:
                continue
            office = english[: words[index].end()]
            return name, office
    return english, None


def _names_institution(english: str) -> bool:
    return any(word.casefold().strip(".,") in _INSTITUTION for word in english.split())
