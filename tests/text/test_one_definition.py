"""One definition of Han and one stemmer (issue 9): the JavaScript of the static search
agrees with text/cjk.py and text/stem.py, checked by running it in node."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handscroll.publish.search_index import find_porter2
from handscroll.samples import sample_paths
from handscroll.text.cjk import CHINESE_RUN, HAN_RANGES, han_js_class, has_han, is_han
from handscroll.text.stem import stem

INFLECTIONS = [
    "withdraw",
    "withdraws",
    "withdrew",
    "withdrawn",
    "withdrawing",
    "withdrawal",
    "withdrawals",
    "factory",
    "factories",
    "railway",
    "railways",
    "guarded",
    "guarding",
    "happiness",
    "happily",
    "generously",
    "university",
    "universities",
    "organized",
    "organization",
    "added",
    "evening",
    "international",
    "news",
    "skies",
    "dying",
    "lying",
    "cities",
]


def _node(script: str, payload: object) -> object:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed (apt-get install -y nodejs)")
    done = subprocess.run(
        [node, "-e", script],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(done.stdout)


def _boundaries() -> list[int]:
    codes = [0x41, 0x3007, 0x3001, 0xFF0C]
    for lo, hi, _ in HAN_RANGES:
        codes += [lo - 1, lo, (lo + hi) // 2, hi, hi + 1]
    return codes


def test_han_in_javascript_is_the_han_of_python() -> None:
    codes = _boundaries()
    script = (
        "const d = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const re = new RegExp('^[' + d.han + ']$', 'u');"
        "console.log(JSON.stringify(d.codes.map(c => re.test(String.fromCodePoint(c)))));"
    )
    found = _node(script, {"han": han_js_class(), "codes": codes})
    assert found == [is_han(chr(code)) for code in codes]
    assert is_han("\U000282e2") and is_han("\U00030000") and not is_han("〇")


def test_every_python_check_uses_the_same_ranges() -> None:
    for code in _boundaries():
        ch = chr(code)
        assert has_han(ch) == is_han(ch) == bool(CHINESE_RUN.fullmatch(ch)), hex(code)


def test_the_static_sites_porter2_stems_as_snowballstemmer() -> None:
    porter2 = find_porter2()
    if porter2 is None:
        pytest.skip("npm's porter2 is not installed (npm ci)")
    words = set(INFLECTIONS)
    for path in sample_paths():
        words.update(re.findall(r"[a-z]+", path.read_text(encoding="utf-8").lower()))
    ordered = sorted(words)
    script = (
        f"const {{ stem }} = require({json.dumps(str(porter2))});"
        "const words = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(words.map(stem)));"
    )
    found = _node(script, ordered)
    assert isinstance(found, list) and len(found) == len(ordered) > 500
    differ = {word: (stem(word), js) for word, js in zip(ordered, found, strict=True) if stem(word) != js}
    assert differ == {}
    assert stem("withdrawing") == stem("withdrawals") == "withdraw"


def test_the_stemmer_leaves_chinese_digits_and_mixed_tokens_alone() -> None:
    assert [stem(token) for token in ("瀋", "1946", "b29s", "\U000282e2")] == [
        "瀋",
        "1946",
        "b29s",
        "\U000282e2",
    ]


def test_no_module_has_han_ranges_of_its_own() -> None:
    # Seven definitions once disagreed (the reader and the EPUB on Extension B): text/cjk.py is the one.
    import handscroll

    root = Path(handscroll.__file__).parent
    pattern = re.compile(
        r"\\u3400|\\u4e00|\\u9fff|\\U00020000|\\u\{20000\}|0x4E00|0x3400|0x20000", re.IGNORECASE
    )
    offenders = [
        str(path.relative_to(root))
        for path in sorted([*root.rglob("*.py"), *root.rglob("*.js")])
        if path != root / "text" / "cjk.py" and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
