"""What every route reads: the library, the pictures, the page cache, the URLs and the map setup."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.requests import Request

from handscroll.model import Enrichment, Feature
from handscroll.publish.derivatives import DerivativeQueue
from handscroll.publish.enriched import MapSetup
from handscroll.publish.http_cache import PageCache, SeriesMemo
from handscroll.publish.media import MediaLibrary
from handscroll.publish.urls import WebUrls
from handscroll.store import FeatureSummary, GlossaryEntry, Library, SeriesSummary, TimelineEntry
from handscroll.store.works import StoredEdition


class LibraryReader:
    """The library as the pages read it: features fresh on every request, series via the memo."""

    def __init__(self, library: Library, series: SeriesMemo) -> None:
        self.library = library
        self.series = series

    def list_features(
        self, *, series: str | None = None, offset: int = 0, limit: int | None = None
    ) -> list[FeatureSummary]:
        return self.library.list_features(series=series, offset=offset, limit=limit)

    def get_feature(self, slug: str) -> Feature:
        return self.library.get_feature(slug)

    def list_series(self) -> list[SeriesSummary]:
        return self.series.list_series()

    def get_enrichment(self, slug: str) -> Enrichment | None:
        return self.library.get_enrichment(slug)

    def approved_quiz_items(self, slug: str) -> frozenset[str]:
        return self.library.approved_quiz_items(slug)

    def editions_of_feature(self, slug: str) -> list[StoredEdition]:
        return self.library.editions_of_feature(slug)

    def timeline(self, *, series: str | None = None, slug: str | None = None) -> list[TimelineEntry]:
        return self.library.timeline(series=series, slug=slug)

    def glossary(self, *, series: str | None = None) -> list[GlossaryEntry]:
        return self.library.glossary(series=series)


@dataclass
class ReaderState:
    """The shared parts of one reader app, closed when the app shuts down."""

    store: Library
    media: MediaLibrary
    pages: PageCache
    maps: MapSetup
    urls: WebUrls = field(default_factory=WebUrls)
    library: LibraryReader = field(init=False)
    derivatives: DerivativeQueue = field(init=False)

    def __post_init__(self) -> None:
        self.library = LibraryReader(self.store, SeriesMemo(self.store, self.pages.freshness))
        self.derivatives = DerivativeQueue(self.media)

    def close(self) -> None:
        """Release the library and the derivative threads."""
        self.derivatives.close()
        self.store.close()


def path_param(request: Request, name: str) -> str:
    """A path parameter as a string."""
    return str(request.path_params[name])
