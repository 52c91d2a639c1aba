"""Stage 3, store: saves Feature models in a SQLAlchemy library and loads them back.

Input: Feature models; output: Feature models and summaries. Never: parses
source text or renders anything.

SQLite (one file, the default) and PostgreSQL are driven by the same code;
Alembic migrations shipped in `migrations/` bring a database to the current
schema whenever a library is opened. ORM rows never leave this package.
"""

from handscroll.store import workspace_tables as workspace_tables  # registers the issue 13 tables on Base
from handscroll.store.library import Library
from handscroll.store.records import (
    FeatureSummary,
    GlossaryEntry,
    ImportItem,
    ImportReport,
    Outcome,
    SeriesSummary,
    TimelineEntry,
)

__all__ = [
    "FeatureSummary",
    "GlossaryEntry",
    "ImportItem",
    "ImportReport",
    "Library",
    "Outcome",
    "SeriesSummary",
    "TimelineEntry",
]
