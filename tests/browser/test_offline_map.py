"""A map that works offline (issue 14 item 8): with no network, every request stays on the reader's
host; Leaflet loads only when the map scrolls into view; the base map shipped with the reader is
drawn as vector layers; places are labelled markers (clustered where they crowd), regions drawn by
their extent; each place links to the sentences that name it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from browser.conftest import SampleLibrary, clean_screenshots, require_part

pytestmark = pytest.mark.browser


@pytest.fixture
def map_parts() -> None:
    """Leaflet, its cluster plugin and the world atlas from npm (`npm ci`); missing parts, like Chromium."""
    from handscroll.config import Settings
    from handscroll.publish.enriched import find_leaflet
    from handscroll.publish.vendor import installed, vendor_files

    files = vendor_files()
    if find_leaflet(Settings()) is None or not all(
        installed(files, n) for n in ("markercluster", "world-atlas")
    ):
        require_part("Leaflet, leaflet.markercluster or world-atlas is not installed: run `npm ci`")


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)])
def test_the_map_draws_offline_when_it_comes_into_view(
    browser: Any, live_url: str, sample_library: SampleLibrary, map_parts: None, size: tuple[int, int]
) -> None:
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        requests: list[str] = []
        errors: list[str] = []
        # No network: anything not for the reader's own host is refused, and counted.
        context.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith(live_url) else route.abort(),
        )
        page = context.new_page()
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{live_url}/features/{sample_library.slugs[2]}")
        page.wait_for_load_state("networkidle")
        assert not any("leaflet" in url or "world-atlas" in url for url in requests)  # not yet in view
        page.locator("#extra-places").scroll_into_view_if_needed()
        page.wait_for_selector("[data-map][data-drawn='true']", timeout=15000)
        assert any("world-atlas/countries-50m.js" in url for url in requests)
        assert all(url.startswith(live_url) for url in requests), [
            u for u in requests if not u.startswith(live_url)
        ]
        # The base map is vector shapes; the places are labelled; a region is drawn by its extent.
        assert page.locator("[data-map] .leaflet-overlay-pane path").count() > 100
        assert page.locator("[data-map] .leaflet-tile").count() == 0
        labels = page.locator("[data-map] .map-label").all_inner_texts()
        assert "Northeast" in labels
        markers = int(page.get_attribute("[data-map]", "data-markers") or 0)
        assert markers >= 5
        shown = page.locator("[data-map] .leaflet-marker-icon:not(.marker-cluster)").count()
        clusters = page.locator("[data-map] .marker-cluster").count()
        assert shown + clusters >= 1 and (clusters > 0 or shown >= markers)
        # Each place links to the words that name it.
        link = page.locator(".place", has_text="Shenyang").locator(".place-mentions a").first
        target = str(link.get_attribute("href"))
        assert target.startswith("#pl-") and page.locator(target).count() == 1
        page.locator("[data-map]").scroll_into_view_if_needed()
        name = "map-desktop.png" if size[0] > 500 else "map-phone.png"
        page.screenshot(path=str(clean_screenshots() / name))
        # The places page of the whole library: one map, each place linking into the features.
        page.goto(f"{live_url}/places")
        page.locator("[data-places]").scroll_into_view_if_needed()
        page.wait_for_selector("[data-map][data-drawn='true']", timeout=15000)
        links = page.locator(".place-mentions a").evaluate_all("a => a.map(x => x.getAttribute('href'))")
        assert links and all(re.match(r"^/features/[^#]+#pl-", str(link)) for link in links)
        assert int(page.get_attribute("[data-map]", "data-markers") or 0) > markers
        assert all(url.startswith(live_url) for url in requests)
        assert [e for e in errors if "ERR_FAILED" not in e] == []
    finally:
        context.close()
