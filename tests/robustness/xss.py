"""An XSS corpus (written for handscroll) and the features that carry it into every rendered field.

Each vector calls `xss()`, a marker the browser test defines before any page
script runs and that counts calls; some also try `alert`, counted as dialogs.
A vector executing anywhere, live or static, shows as a count above zero.
"""

from __future__ import annotations

from handscroll.model import Credit, Feature, Figure, Note, Paragraph, Question, Unclassified

_BASES = (
    "<script>xss()</script>",
    "<img src=x onerror=xss()>",
    "<svg onload=xss()>",
    "<svg><script>xss()</script></svg>",
    "<body onload=xss()>",
    '<iframe src="javascript:xss()"></iframe>',
    '<iframe srcdoc="<script>parent.xss()</script>">',
    '<a href="javascript:xss()" id=xa>x</a>',
    "<details open ontoggle=xss()>",
    "<video><source onerror=xss()></video>",
    "<audio src=x onerror=xss()>",
    "<input autofocus onfocus=xss()>",
    "<select autofocus onfocus=xss()>",
    "<textarea autofocus onfocus=xss()>",
    '<object data="javascript:xss()"></object>',
    '<embed src="javascript:xss()">',
    '<meta http-equiv="refresh" content="0;url=javascript:xss()">',
    '<base href="javascript:xss()//">',
    '<div style="background:url(javascript:xss())">',
    "<style>*{background:url(javascript:xss())}</style>",
    "<math><mtext><img src=x onerror=xss()></mtext></math>",
    "<template><img src=x onerror=xss()></template>",
    '<noscript><p title="</noscript><img src=x onerror=xss()>">',
    "<scr<script>ipt>xss()</scr</script>ipt>",
    "<SCRIPT SRC=data:,xss()></SCRIPT>",
    '<img src="x" onerror="&#120;&#115;&#115;()">',
    "<img src=x onerror=xss`1`>",
    '<svg><a xlink:href="javascript:xss()"><text>x</text></a></svg>',
    "<form><button formaction=javascript:xss()>x",
    "<isindex type=image src=x onerror=xss()>",
    "<marquee onstart=xss()>x</marquee>",
    "<body onpageshow=xss()>",
    "<img src=x onerror=alert(document.domain)>",
    "<script>alert(1)</script>",
    "javascript:xss()",
    "data:text/html,<script>xss()</script>",
    "{{constructor.constructor('xss()')()}}",
    "${xss()}",
    "#{xss()}",
    "';xss();//",
    '";xss();//',
    "</script><script>xss()</script>",
    "</title><script>xss()</script>",
    "</textarea><script>xss()</script>",
    "</style><script>xss()</script>",
    "<!--<img src=x onerror=xss()>-->",
    "]]><img src=x onerror=xss()>",
    "\\u003cscript\\u003exss()\\u003c/script\\u003e",
    "&lt;script&gt;xss()&lt;/script&gt;",
    "<img src=x:x onerror=eval('xs'+'s()')>",
    "<svg/onload=xss()>",
    "<img/src/onerror=xss()>",
    "<x onclick=xss() id=xc>click",
)
_BREAKOUTS = ("", '">', "'>")


def xss_vectors() -> list[str]:
    """The corpus: every base vector bare and after a quote that tries to break out of an attribute."""
    return [breakout + base for base in _BASES for breakout in _BREAKOUTS]


def xss_features(per_feature: int = 14) -> list[Feature]:
    """Features holding the corpus in every field a page shows: each vector in every field of one feature.

    Paragraphs open with a date so the vectors reach the timeline too, and
    name a place and a bilingual term so they reach the map and glossary pages.
    """
    vectors = xss_vectors()
    features = []
    for n, start in enumerate(range(0, len(vectors), per_feature), start=1):
        chunk = " ".join(vectors[start : start + per_feature])
        features.append(
            Feature(
                title=f"Hostile {n} {chunk}",
                part=n,
                series="xsssite_corpus",
                slug=f"{n:02d}-xss-corpus",
                hero=f"xsssite_corpus{n:02d}_1",
                blocks=(
                    Paragraph(text=f"In March 1946 the army entered Shenyang (瀋陽). {chunk}"),
                    Paragraph(text=f"On 5 May 1946 Chiang Kai-shek (蔣介石) spoke. {chunk}"),
                    Figure(media=f"xsssite_corpus{n:02d}_1", caption=(f"Caption {chunk}", chunk)),
                    Figure(media=f"xsssite_corpus{n:02d}_2", caption=(chunk,)),
                    Note(kind=f"ebook {chunk}", text=(f"Note {chunk}",)),
                    Question(prompt=f"Why {chunk}?", answer=(f"Answer {chunk}",)),
                    Credit(text=f"Credit {chunk}"),
                    Unclassified(text=f"Stray {chunk}", line=3),
                ),
            )
        )
    return features
