"""The SQLite backend: the embedded tantivy index (search_tantivy.py) kept in step with the database.

The database is written first and is the truth. Every change to a feature's
row, by any code path (an import, a delete, the editors' workspace), lands in
the `search_outbox` table in the same transaction: triggers on `features`
(migration 0012) and the index writes below add a row with a rising version.
Index writes go into a tantivy writer held for that transaction. Just before
the database commits, the outbox is compared with what the transaction wrote:
a feature it did not write itself (deleted, changed by another path, written
in a savepoint that was rolled back, or left by a crash) is deleted from the
index or rebuilt from the tables. After the database commits, the index
commits and the outbox rows it covered are cleared. A crash between the two
commits leaves them in the outbox, and the next write (or opening of the
library) replays them; a rollback rolls the index writer back.

An import defers its index writes (issue 11 item 3; `search_deferred`): its
sessions are marked `DEFERRED`, their features only queued in the outbox,
and the outbox is replayed in bulk once the run's rows are written, in a
process of its own for a big run, so the index's segment merges never run
in the importing process. Until then the index lags the rows it will catch.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import tantivy
from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, SessionTransaction

from handscroll.errors import StoreError
from handscroll.store.engine import WRITER_OPTION, writer
from handscroll.store.query import Clause, SearchQuery
from handscroll.store.search_documents import feature_years, stored_documents
from handscroll.store.search_strategy import Hits, SearchFilters
from handscroll.store.search_tantivy import (
    SearchIndex,
    compile_query,
    document,
    filter_queries,
    forget_index,
    index_for,
    unpack_shown,
)
from handscroll.store.search_text import IndexDocument, Shown

CATCH_UP = 500
"""Outbox rows left by other transactions that one commit handles (a rebuild loops until none are left)."""

MIN_WORD = 3
"""Shorter words are left out of the "did you mean" vocabulary."""

_STATE = "handscroll.search"
"""The session.info key of a transaction's index state."""

DEFERRED = "handscroll.search.deferred"
"""The session.info key of a session whose index writes are queued only (an import's)."""

_NEXT = "(SELECT coalesce(max(version), 0) + 1 FROM search_outbox)"

TRIGGERS = {
    "search_outbox_insert": "AFTER INSERT ON features BEGIN INSERT OR REPLACE INTO search_outbox "
    f"(feature_id, version) VALUES (new.id, {_NEXT}); END",
    "search_outbox_update": "AFTER UPDATE OF slug, series_id, part, title, language ON features BEGIN "
    f"INSERT OR REPLACE INTO search_outbox (feature_id, version) VALUES (new.id, {_NEXT}); END",
    "search_outbox_delete": "AFTER DELETE ON features BEGIN INSERT OR REPLACE INTO search_outbox "
    f"(feature_id, version) VALUES (old.id, {_NEXT}); END",
}
"""What queues a feature whatever path changes its row (an import, a delete, the workspace)."""


def ensure_outbox(connection: Connection) -> bool:
    """Create the outbox and its triggers where missing; True when any was.

    A migration that rebuilds `features` (Alembic's batch mode copies SQLite
    tables) drops its triggers with the old table: opening the library puts
    them back, and queues every feature, since changes in between went unseen.
    """
    columns = "feature_id INTEGER PRIMARY KEY, version INTEGER NOT NULL"
    connection.execute(text(f"CREATE TABLE IF NOT EXISTS search_outbox ({columns})"))
    connection.execute(text("CREATE INDEX IF NOT EXISTS ix_search_outbox_version ON search_outbox (version)"))
    present = set(connection.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    missing = [name for name in TRIGGERS if name not in present]
    for name in missing:
        connection.execute(text(f"CREATE TRIGGER {name} {TRIGGERS[name]}"))
    return bool(missing)


@dataclass
class _Transaction:
    """What one database transaction did to the index so far."""

    index: SearchIndex
    writer: tantivy.IndexWriter | None = None
    written: dict[int, int] = field(default_factory=dict)
    """Feature id -> the outbox version its document was written with."""
    handled: list[tuple[int, int]] = field(default_factory=list)
    """(feature id, version) outbox rows to clear once the index has committed."""
    catch_up: int = CATCH_UP

    def open_writer(self) -> tantivy.IndexWriter:
        if self.writer is None:
            self.writer = self.index.writer()
        return self.writer


def _state(session: Session, index: SearchIndex) -> _Transaction:
    state = session.info.get(_STATE)
    if state is None:
        state = session.info[_STATE] = _Transaction(index)
    return state


class EmbeddedBackend:
    """Index writes and queries of a SQLite library."""

    exact_totals = True  # tantivy counts every match

    def __init__(self, engine: Engine) -> None:
        self.index = index_for(engine)
        self._searcher: tantivy.Searcher | None = None
        self._addresses: dict[int, tantivy.DocAddress] = {}

    def write(self, session: Session, documents: Sequence[IndexDocument]) -> None:
        """Replace the documents of these features, inside the caller's transaction."""
        if not documents:
            return
        ids = [doc.feature_id for doc in documents]
        if session.info.get(DEFERRED):
            _enqueue(session, ids, _next_version(session))  # indexed when the outbox is replayed
            return
        state = _state(session, self.index)
        version = _next_version(session)
        years = feature_years(session, ids)
        index_writer = state.open_writer()
        for doc in documents:
            index_writer.delete_documents_by_term("id", doc.feature_id)
            index_writer.add_document(document(doc, years.get(doc.feature_id, ())))
        _enqueue(session, ids, version)
        state.written.update(dict.fromkeys(ids, version))

    def delete(self, session: Session, feature_ids: Sequence[int]) -> None:
        """Mark features for removal: the commit deletes them from the index once their rows are gone."""
        if feature_ids:
            _state(session, self.index)
            _enqueue(session, feature_ids, _next_version(session))

    def match(
        self, session: Session, query: SearchQuery, filters: SearchFilters, limit: int, offset: int
    ) -> tuple[Hits, int]:
        """Feature ids and BM25 scores of a page of matches, best first, and how many match in all."""
        schema = self.index.schema
        conditions = filter_queries(schema, filters)
        searcher = self._searcher = self.index.searcher()
        compiled = compile_query(searcher, schema, query, conditions)
        result = searcher.search(compiled, limit, count=True, offset=offset)
        ids = searcher.fast_field_values("id", [address for _, address in result.hits])
        hits = [(int(i or 0), float(score)) for i, (score, _) in zip(ids, result.hits, strict=True)]
        self._addresses.update(
            (fid, address) for (fid, _), (_, address) in zip(hits, result.hits, strict=True)
        )
        return hits, result.count  # type: ignore[attr-defined]  # the stubs leave `count` out

    def shown(self, session: Session, feature_ids: Sequence[int]) -> dict[int, Shown]:
        """What the results of these features show, from the index's stored documents."""
        searcher = self._searcher or self.index.searcher()
        missing = [fid for fid in feature_ids if fid not in self._addresses]
        if missing:
            query = tantivy.Query.term_set_query(self.index.schema, "id", missing)
            result = searcher.search(query, len(missing), count=False)
            ids = searcher.fast_field_values("id", [address for _, address in result.hits])
            self._addresses.update(
                (int(i or 0), address) for i, (_, address) in zip(ids, result.hits, strict=True)
            )
        found: dict[int, Shown] = {}
        for fid in feature_ids:
            address = self._addresses.get(fid)
            if address is not None:
                stored = searcher.doc(address)["shown"]
                if stored:
                    found[fid] = unpack_shown(stored[0])
        return found

    def matches_any(self, session: Session, clause: Clause) -> bool:
        """Whether one clause alone matches any feature (for "did you mean")."""
        searcher = self.index.searcher()
        query = compile_query(searcher, self.index.schema, SearchQuery(text=clause.text, clauses=(clause,)))
        return bool(searcher.search(query, 1, count=False).hits)

    def vocabulary(self, session: Session) -> list[str]:
        """The library's indexed English words (stems), for "did you mean"."""
        searcher = self.index.searcher()
        words = {term for name in ("title", "body") for term, _ in searcher.terms_with_prefix(name, "")}
        return sorted(w for w in words if len(w) >= MIN_WORD and w.isalpha() and w.isascii())


def _next_version(session: Session) -> int:
    return int(session.execute(text("SELECT coalesce(max(version), 0) + 1 FROM search_outbox")).scalar_one())


def _enqueue(session: Session, feature_ids: Sequence[int], version: int) -> None:
    session.execute(
        text("INSERT OR REPLACE INTO search_outbox (feature_id, version) VALUES (:id, :version)"),
        [{"id": feature_id, "version": version} for feature_id in feature_ids],
    )


def _bind(session: Session) -> Engine:
    return session.get_bind().engine


def _is_library_writer(session: Session) -> bool:
    bind = _bind(session)
    return bind.dialect.name == "sqlite" and bool(bind.get_execution_options().get(WRITER_OPTION))


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    """Bring the index writer in line with what the transaction leaves in the database."""
    if session.info.get(DEFERRED):
        return  # its outbox rows wait for the replay at the end of the import
    state: _Transaction | None = session.info.get(_STATE)
    if state is None:
        if not _is_library_writer(session):
            return
        rows = _outbox(session, CATCH_UP)
        if not rows:
            return  # the usual case: a write that touched no feature
        state = _state(session, index_for(_bind(session)))
    else:
        rows = _outbox(session, state.catch_up)
    versions = dict(rows)
    written = list(state.written)
    for start in range(0, len(written), 500):
        versions.update(_versions(session, written[start : start + 500]))
    stale = [fid for fid, version in versions.items() if state.written.get(fid) != version]
    stale += [fid for fid in state.written if fid not in versions]  # rolled back to a savepoint
    if stale:
        _rebuild(session, state, sorted(set(stale)))
    state.handled = [(fid, version) for fid, version in versions.items()]


def _outbox(session: Session, limit: int) -> list[tuple[int, int]]:
    rows = session.execute(
        text("SELECT feature_id, version FROM search_outbox ORDER BY version LIMIT :n"), {"n": limit}
    )
    return [(int(fid), int(version)) for fid, version in rows]


def _versions(session: Session, feature_ids: list[int]) -> list[tuple[int, int]]:
    marks = ", ".join(f":i{n}" for n in range(len(feature_ids)))
    rows = session.execute(
        text(f"SELECT feature_id, version FROM search_outbox WHERE feature_id IN ({marks})"),
        {f"i{n}": fid for n, fid in enumerate(feature_ids)},
    )
    return [(int(fid), int(version)) for fid, version in rows]


def _rebuild(session: Session, state: _Transaction, feature_ids: list[int]) -> None:
    """Delete these features' documents and add them again from the tables (those still stored)."""
    index_writer = state.open_writer()
    for feature_id in feature_ids:
        index_writer.delete_documents_by_term("id", feature_id)
    documents = stored_documents(session, feature_ids)
    years = feature_years(session, [doc.feature_id for doc in documents])
    for doc in documents:
        index_writer.add_document(document(doc, years.get(doc.feature_id, ())))


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    """The database has committed: commit the index, then clear the outbox rows it now covers."""
    state: _Transaction | None = session.info.pop(_STATE, None)
    if state is None or state.writer is None:
        return
    index_writer, state.writer = state.writer, None
    try:
        index_writer.commit()
        index_writer.wait_merging_threads()  # finishes merges and releases the writer's lock
    except (OSError, ValueError) as exc:
        raise StoreError(
            f"the library was saved but its search index {state.index.path} was not ({exc}); "
            "it catches up on the next write, or run `handscroll reindex`"
        ) from None
    state.index.reload()
    if state.handled:
        _clear(_bind(session), state.handled)


def _clear(bind: Engine, handled: list[tuple[int, int]]) -> None:
    """Delete the outbox rows the index now covers (a row re-queued since has a higher version and stays).

    A connection, not a session, so that this does not start another round of
    `_before_commit`. Should the database be busy, the rows stay: replaying them is harmless.
    """
    try:
        with writer(bind.engine).begin() as connection:
            connection.execute(
                text("DELETE FROM search_outbox WHERE feature_id = :id AND version = :version"),
                [{"id": fid, "version": version} for fid, version in handled],
            )
    except OperationalError:
        return


@event.listens_for(Session, "after_transaction_end")
def _after_transaction_end(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ended without committing throws away what it wrote to the index."""
    if transaction.parent is not None:
        return  # a savepoint: the commit compares versions and repairs what it rolled back
    state: _Transaction | None = session.info.pop(_STATE, None)
    if state is not None and state.writer is not None:
        state.writer.rollback()
        state.writer.wait_merging_threads()
        state.writer = None


def prepare(engine: Engine, progress: Callable[[int, int], None] | None = None) -> None:
    """Open a SQLite library's index: fill a new one, and replay what a crash left in the outbox."""
    index = index_for(engine)
    with engine.connect() as connection:
        present = {row[0] for row in connection.execute(text("SELECT name FROM sqlite_master"))}
    if not set(TRIGGERS) <= present:
        with writer(engine).begin() as connection:
            ensure_outbox(connection)
        index.fresh = True
    if index.fresh:
        _enqueue_all(engine)
        index.fresh = False
    catch_up(engine, progress)


def catch_up(engine: Engine, progress: Callable[[int, int], None] | None = None, batch: int = 1000) -> None:
    """Handle the outbox in transactions of `batch` features until it is empty."""
    total = left = pending(engine)
    stuck = 0
    while left:
        with Session(writer(engine)) as session, session.begin():
            _state(session, index_for(engine)).catch_up = batch
        before, left = left, pending(engine)
        stuck = stuck + 1 if left >= before else 0
        if stuck >= 3:
            raise StoreError(f"the search index cannot catch up: {left} features stay queued")
        if progress is not None:
            progress(total - left, total)


def rebuild(engine: Engine, progress: Callable[[int, int], None] | None = None) -> None:
    """Empty the index and index every feature again from the tables."""
    index = index_for(engine)
    index_writer = index.writer()
    index_writer.delete_all_documents()
    index_writer.commit()
    index_writer.wait_merging_threads()
    _enqueue_all(engine)
    catch_up(engine, progress)


def close(engine: Engine) -> None:
    """Let go of the library's index (its files stay)."""
    forget_index(engine)


def _enqueue_all(engine: Engine) -> None:
    with writer(engine).begin() as connection:
        connection.execute(
            text(
                "INSERT OR REPLACE INTO search_outbox (feature_id, version) SELECT id, "
                "(SELECT coalesce(max(version), 0) + 1 FROM search_outbox) FROM features"
            )
        )


def pending(engine: Engine) -> int:
    """How many features the outbox holds for the index."""
    with engine.connect() as connection:
        return int(connection.execute(text("SELECT count(*) FROM search_outbox")).scalar_one())
