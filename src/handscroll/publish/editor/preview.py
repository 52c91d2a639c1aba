"""Previews: a draft rendered by the production templates, marked "preview, not published"
(issue 13 item 3).

The page is the reader's own feature page (`contexts.feature_page`, `feature.html`), built
from the draft with the enrichment an import would give it, inside `preview.html`, which
adds only the banner, a stylesheet for it and `noindex`. Pictures come from the editor's
guarded picture route, so a draft's new picture is never public. The editor frames the
preview, so its answer allows framing by the editor itself and nothing else.
"""

from __future__ import annotations

from starlette.responses import HTMLResponse

from handscroll.enrich import enrich_feature
from handscroll.model import Feature
from handscroll.publish.contexts import feature_page
from handscroll.publish.editor.state import EditorState, PreviewUrls
from handscroll.publish.loaders import surroundings
from handscroll.publish.xml_text import clean_xml_text
from handscroll.workspace.db import reading
from handscroll.workspace.publishing import default_alts, with_default_alt

FRAMED_BY_SELF = "frame-ancestors 'self'"


def framed_policy(policy: str) -> str:
    """The reader's policy, letting the editor (and only the editor's own origin) frame the page."""
    return policy.replace("frame-ancestors 'none'", FRAMED_BY_SELF)


def preview_response(state: EditorState, feature: Feature, pictures: str, *, note: str = "") -> HTMLResponse:
    """The preview page of a draft; `pictures` is the URL prefix its pictures are served under."""
    with reading(state.library) as session:
        feature = with_default_alt(feature, default_alts(session, feature.media_ids))
    urls = PreviewUrls(pictures, feature.language)
    summary, previous, following = surroundings(state.library, feature.slug, feature.series, urls.language)
    page = feature_page(
        feature,
        series=summary,
        previous=previous,
        next=following,
        media=state.drafts,
        urls=urls,
        enrichment=enrich_feature(feature),
        map_setup=state.maps,
    )
    env = state.renderer.envs.get(page.chrome.language, state.renderer.env)  # the reader's language
    template = env.get_template("preview.html")
    html = clean_xml_text(template.render(page=page, note=note))
    return HTMLResponse(
        html,
        headers={
            "content-security-policy": framed_policy(state.policy),
            "x-frame-options": "SAMEORIGIN",
            "x-robots-tag": "noindex, nofollow",
            "cache-control": "no-store",
        },
    )
