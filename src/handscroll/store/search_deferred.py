"""An import's search index, written in bulk after its rows (issue 11 item 3).

Written batch by batch, the embedded index committed after every batch, and
tantivy merged its segments in the importing process: at 100,000 features a
merge maps most of a 577 MB index, which a process held to 300 MB could not
hold beside the import's own memory (benchmarks/README.md, runs of
2026-12-06). So an import's sessions only queue their features in the
search outbox (`search_embedded.DEFERRED`), in the transaction that writes
them, and when the run's rows are written the outbox is replayed: here for a
few features, else in a process of its own that exists for that, so the
merges' buffers and mapped pages are never the importing process's.

The database stays the truth all along: a run stopped before the replay
(killed, or its replay failed) leaves its features queued, and the next
opening of the library, or `handscroll reindex`, indexes them.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from handscroll.errors import StoreError
from handscroll.store.search_embedded import DEFERRED, catch_up, pending
from handscroll.store.search_tantivy import index_for
from handscroll.worker_lifetime import die_with_parent, initializer_args, name_process

IN_PROCESS_UP_TO = 2000
"""Queued features replayed in the importing process; more go to a process of its own."""

REPLAY_BATCH = 2000
"""Features a replay indexes per transaction (one index commit each)."""

LOOK_EVERY = 1.0
"""Seconds between two looks at the outbox while the replaying process works, for the progress bar."""

PROCESS_NAME = "hs-search-index"
"""The replaying process's name in `/proc/PID/comm` (the import benchmark reports it apart)."""


def defer_index(session: Session) -> Session:
    """Mark an import's session: its index writes are queued until `replay_after_import`."""
    if session.get_bind().dialect.name == "sqlite":
        session.info[DEFERRED] = True
    return session


def replay_after_import(
    engine: Engine, batch: int = REPLAY_BATCH, progress: Callable[[int, int], None] | None = None
) -> None:
    """Index what an import queued: here when it is little, else in a process of its own.

    Here, it is indexed `batch` features a transaction (the import's batch, so
    that memory holds no more than the import did). Should that process fail
    (it could not start, or was killed), the replay is done here; a StoreError
    says the rows are saved and the index is not. `progress` is told (done,
    total) as the outbox empties: minutes at 100,000 features.
    """
    total = pending(engine) if engine.dialect.name == "sqlite" else 0
    if not total:
        return
    if total > IN_PROCESS_UP_TO:
        context = multiprocessing.get_context("spawn")  # clean: no inherited connections or threads
        url = engine.url.render_as_string(hide_password=False)
        try:
            process = context.Process(target=_replay, args=(url, initializer_args()), name=PROCESS_NAME)
            process.start()
            while process.is_alive():
                process.join(LOOK_EVERY)
                if progress is not None:
                    progress(total - pending(engine), total)
        except (OSError, RuntimeError):
            pass  # no process: the replay below does it all
        index_for(engine).reload()
    left = pending(engine)  # all of it for a small run; what a failed process left otherwise
    if progress is None:
        catch_up(engine, batch=batch)
    else:
        catch_up(engine, lambda done, _: progress(total - left + done, total), batch)


def _replay(url: str, parent: tuple[int, bool]) -> None:
    """The replaying process: catch the library's index up with its outbox, then end."""
    from handscroll.store.engine import open_engine

    die_with_parent(*parent)
    name_process(PROCESS_NAME)
    engine = open_engine(url)
    try:
        catch_up(engine, batch=REPLAY_BATCH)
    except StoreError as exc:
        raise SystemExit(str(exc)) from None
    finally:
        engine.dispose()
