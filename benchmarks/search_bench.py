"""Search benchmark (issues 5, 11): handscroll on SQLite and on PostgreSQL beside tantivy, same run.

Generates N features (default 100,000), half English and half Chinese (of
those, half written in Traditional and half in Simplified), each a title and
one paragraph; 3% mention a place of the curated places list in one of its
forms (Mukden, Shenyang, 瀋陽, 沈阳...), and 2% carry a glossary term with
pinyin. Documents are made cheaply: feature and block rows go in with plain
executemany, and the index rows are written straight through each library's
search backend (`write` of `index_document`: the embedded tantivy index on
SQLite, tsvector rows on PostgreSQL), not through full imports with
enrichment. The index build time is folding + the backend's inserts.

Then 1,000 fixed queries (seeded): 400 English words, 150 two-word queries,
100 phrases, 100 prefixes, 250 cross-script (a place named in another form
than the document uses, or pinyin for a Chinese term). Latency is the whole
`Library.search` (parse, match, count, group into works, snippets of every
matching section of the first 20 results) and the backend's match alone;
tantivy's is `searcher.search(query, 20)` plus loading the 20 documents.
PostgreSQL runs when a server answers at --pg (a database of its own is
created there and dropped after; vacuumed and analysed after the build, not
timed, as autovacuum would be shortly after a bulk load).

tantivy runs twice: on the raw documents with its `en_stem` tokenizer (the
peer as it comes: no script folding, so cross-script recall shows what it
misses), and on the same folded text handscroll indexes (a like-for-like
latency). Recall on the cross-script part: of the documents that mention the
place or term in any form, the share each engine matches.

Not a test: nothing asserts on time. Loopback only (no network at all).

    python benchmarks/search_bench.py [--features 100000] [--queries 1000] [--seed 5] [--pg URL | --no-pg]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import tantivy
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from handscroll.model import Feature, Paragraph
from handscroll.store import Library
from handscroll.store.engine import writer
from handscroll.store.query import fold_text, parse_query, place_index
from handscroll.store.search import backend_for
from handscroll.store.search_strategy import SearchFilters
from handscroll.store.search_text import TermForms, index_document
from handscroll.store.tables import BlockRow, FeatureRow
from handscroll.text.cjk import pinyin_plain, to_simplified, to_traditional

console = Console()

DEFAULT_PG = "postgresql+psycopg://handscroll:handscroll@localhost:5432/handscroll_test"

PLACES = [
    ("Mukden", "Shenyang", "瀋陽", "沈阳"),
    ("Port Arthur", "Lushun", "旅順", "旅顺"),
    ("Dairen", "Dalian", "大連", "大连"),
    ("Hsinking", "Changchun", "長春", "长春"),
    ("Peiping", "Beijing", "北平", "北京"),
    ("Harbin", "Harbin", "哈爾濱", "哈尔滨"),
]
"""(historical, modern, Traditional, Simplified) names, all from the curated places list."""

TERMS = ["國民政府", "共產黨", "東北", "內戰", "解放軍", "蘇聯", "鐵路", "工廠"]
"""Glossary terms (Traditional) whose pinyin queries must find them."""

_WORDS = (
    "army government troops city railway factory treaty negotiation winter offensive campaign retreat "
    "withdrawal soviet nationalist communist province border harbour station bridge river mountain "
    "general commander officer soldier refugee famine harvest market currency inflation newspaper "
    "photograph museum archive document letter telegram meeting conference agreement ceasefire "
    "election parliament minister president emperor dynasty empire republic revolution rebellion "
    "industry machinery coal steel cotton silk tea rice wheat village farmer worker student teacher"
)
ENGLISH = _WORDS.split()


@dataclass
class Corpus:
    """The generated documents and what each query should find."""

    rows: list[dict[str, Any]] = field(default_factory=list)  # id, title, body, terms (raw)
    place_docs: dict[int, set[int]] = field(default_factory=dict)  # place index -> doc ids
    term_docs: dict[int, set[int]] = field(default_factory=dict)


def zipf_words(rng: random.Random, vocabulary: list[str], count: int) -> list[str]:
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return rng.choices(vocabulary, weights=weights, k=count)


def generate(count: int, rng: random.Random) -> Corpus:
    """N documents: English and Chinese, some naming a place or a glossary term."""
    extra = [f"{a}{b}" for a in ("ka", "lo", "mi", "su", "te", "ri", "no", "va") for b in ENGLISH[:60]]
    vocabulary = ENGLISH + extra
    han = [chr(code) for code in range(0x4E00, 0x4E00 + 2500)]
    corpus = Corpus()
    for doc_id in range(1, count + 1):
        chinese = doc_id % 2 == 0
        traditional = doc_id % 4 == 0
        if chinese:
            title = "".join(zipf_words(rng, han, 8))
            body = "".join(zipf_words(rng, han, 120))
        else:
            title = " ".join(zipf_words(rng, vocabulary, 5)).capitalize()
            body = " ".join(zipf_words(rng, vocabulary, 80)) + "."
        terms: list[TermForms] = []
        if rng.random() < 0.03:
            place = rng.randrange(len(PLACES))
            form = (
                PLACES[place][2 + (0 if traditional else 1)] if chinese else PLACES[place][rng.randrange(2)]
            )
            body = f"{body[:40]} {form} {body[40:]}"
            corpus.place_docs.setdefault(place, set()).add(doc_id)
        if rng.random() < 0.02:
            term = rng.randrange(len(TERMS))
            traditional_term = TERMS[term]
            simplified_term = to_simplified(traditional_term)
            terms.append(TermForms((traditional_term, simplified_term), pinyin_plain(traditional_term)))
            body = f"{body} {traditional_term if traditional or not chinese else simplified_term}"
            corpus.term_docs.setdefault(term, set()).add(doc_id)
        if traditional:
            title, body = to_traditional(title), to_traditional(body)
        corpus.rows.append({"id": doc_id, "title": title, "body": body, "terms": terms})
    return corpus


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    truth: frozenset[int] = frozenset()


def make_queries(corpus: Corpus, total: int, rng: random.Random) -> list[Query]:
    """The fixed mix: 40% words, 15% two words, 10% phrases, 10% prefixes, 25% cross-script."""
    english = [row for row in corpus.rows if row["id"] % 2 == 1]
    queries: list[Query] = []

    def words_of(row: dict[str, Any]) -> list[str]:
        return [w.strip(".") for w in row["body"].split() if w.isascii() and w.strip(".").isalpha()]

    for _ in range(int(total * 0.40)):
        queries.append(Query("word", rng.choice(words_of(rng.choice(english)))))
    for _ in range(int(total * 0.15)):
        w = words_of(rng.choice(english))
        queries.append(Query("two words", f"{rng.choice(w)} {rng.choice(w)}"))
    for _ in range(int(total * 0.10)):
        w = words_of(rng.choice(english))
        at = rng.randrange(len(w) - 1)
        queries.append(Query("phrase", f'"{w[at]} {w[at + 1]}"'))
    for _ in range(int(total * 0.10)):
        word = rng.choice(words_of(rng.choice(english)))
        queries.append(Query("prefix", f"{word[: max(3, len(word) - 3)]}*"))
    cross = total - len(queries)
    for index in range(cross):
        if index % 3 == 2:
            term = rng.choice(sorted(corpus.term_docs))
            plain = pinyin_plain(TERMS[term])
            queries.append(
                Query(
                    "cross-script",
                    plain if rng.random() < 0.5 else plain.replace(" ", ""),
                    frozenset(corpus.term_docs[term]),
                )
            )
        else:
            place = rng.choice(sorted(corpus.place_docs))
            queries.append(
                Query("cross-script", rng.choice(PLACES[place]), frozenset(corpus.place_docs[place]))
            )
    rng.shuffle(queries)
    return queries


def build_handscroll(corpus: Corpus, url: str) -> float:
    """Write feature and block rows, then time the index build (folding + the backend's writes)."""
    library = Library.open(url)
    engine = library.engine  # the benchmark writes rows directly, bypassing imports
    now = datetime.now(UTC)
    with Session(engine) as session, session.begin():
        for start in range(0, len(corpus.rows), 5000):
            chunk = corpus.rows[start : start + 5000]
            session.execute(
                insert(FeatureRow),
                [
                    {
                        "id": r["id"],
                        "slug": f"f{r['id']}",
                        "title": r["title"],
                        "language": "en",
                        "content_hash": "0" * 64,
                        "source": "bench",
                        "source_hash": "0" * 64,
                        "created_at": now,
                        "updated_at": now,
                    }
                    for r in chunk
                ],
            )
            session.execute(
                insert(BlockRow.__table__),
                [
                    {
                        "feature_id": r["id"],
                        "position": 0,
                        "type": "paragraph",
                        "media": None,
                        "data": {"text": r["body"]},
                    }
                    for r in chunk
                ],
            )
    started = time.perf_counter()
    with Session(writer(engine)) as session, session.begin():
        backend = backend_for(session)
        for start in range(0, len(corpus.rows), 5000):
            documents = [
                index_document(
                    r["id"],
                    Feature(title=r["title"], slug=f"f{r['id']}", blocks=(Paragraph(text=r["body"]),)),
                    r["terms"],
                )
                for r in corpus.rows[start : start + 5000]
            ]
            backend.write(session, documents)
    elapsed = time.perf_counter() - started
    if engine.dialect.name == "postgresql":
        # What autovacuum does within a minute or two of a bulk load: without statistics the
        # planner guesses a common word's matches 6x too few and picks slow plans.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
    library.close()
    return elapsed


def bench_database(url: str) -> str | None:
    """A database of its own on the PostgreSQL server at `url` (made afresh); None when none answers."""
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS handscroll_search_bench"))
            conn.execute(text("CREATE DATABASE handscroll_search_bench"))
    except Exception as exc:  # any failure means: no usable server here
        console.print(f"PostgreSQL skipped ({make_url(url).render_as_string()}): {exc.__class__.__name__}")
        return None
    finally:
        admin.dispose()
    return make_url(url).set(database="handscroll_search_bench").render_as_string(hide_password=False)


def drop_bench_database(url: str, bench_url: str) -> None:
    engine = create_engine(bench_url)
    engine.dispose()
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS handscroll_search_bench"))
    admin.dispose()


def build_tantivy(corpus: Corpus, folded: bool) -> tuple[Any, float]:
    """A tantivy index (in RAM) of the same documents, raw or folded as handscroll folds them."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True)
    for name in ("title", "terms", "body"):
        builder.add_text_field(name, stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    index = tantivy.Index(schema)
    started = time.perf_counter()
    writer = index.writer(heap_size=200_000_000)
    for r in corpus.rows:
        names = [n for t in r["terms"] for n in (*t.names, t.pinyin_plain or "") if n]
        terms = " ".join(names)
        if folded:
            doc = tantivy.Document(
                id=r["id"], title=fold_text(r["title"]), terms=fold_text(terms), body=fold_text(r["body"])
            )
        else:
            doc = tantivy.Document(id=r["id"], title=r["title"], terms=terms, body=r["body"])
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    return index, time.perf_counter() - started


def tantivy_query(index: Any, query: Query, folded: bool) -> Any:
    """The peer's query: its own parser on the text as typed (or folded), lenient, over all fields."""
    q = fold_text(query.text) if folded else query.text
    if query.text.startswith('"'):
        q = f'"{q.strip(chr(34))}"'
    if query.text.endswith("*"):
        q = q.rstrip("*") + "*"
    parsed, _errors = index.parse_query_lenient(
        q, ["title", "terms", "body"], field_boosts={"title": 10.0, "terms": 6.0}
    )
    return parsed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def all_matches(library: Library, text_: str) -> set[int]:
    """Every feature a query matches (for recall), uncapped on either database."""
    query = parse_query(text_)
    with Session(library.engine) as session:
        backend = backend_for(session)
        if library.engine.dialect.name == "sqlite":
            hits, _ = backend.match(session, query, SearchFilters(), 200_000, 0)
            return {fid for fid, _ in hits}
        source = backend.source(query, SearchFilters())  # type: ignore[attr-defined]
        rows = session.execute(text(f"SELECT {source.id_column} {source.sql}"), source.params)
        return {int(row[0]) for row in rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--pg", default=os.environ.get("HANDSCROLL_TEST_PG_URL", DEFAULT_PG))
    parser.add_argument("--no-pg", action="store_true", help="Leave PostgreSQL out.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    place_index()  # load the places list before timing
    started = time.perf_counter()
    corpus = generate(args.features, rng)
    console.print(f"generated {len(corpus.rows):,} documents in {time.perf_counter() - started:.1f} s")
    queries = make_queries(corpus, args.queries, rng)
    pg_url = None if args.no_pg else bench_database(args.pg)

    with tempfile.TemporaryDirectory() as tmp:
        urls = {"SQLite": f"sqlite:///{Path(tmp) / 'bench.db'}"}
        if pg_url is not None:
            urls["PostgreSQL"] = pg_url
        builds: dict[str, float] = {}
        for name, url in urls.items():
            builds[f"handscroll, {name}"] = builds[f"handscroll, {name} (match only)"] = build_handscroll(
                corpus, url
            )
        raw_index, builds["tantivy (raw)"] = build_tantivy(corpus, folded=False)
        fold_index, builds["tantivy (folded)"] = build_tantivy(corpus, folded=True)
        console.print("built: " + ", ".join(f"{k} {v:.1f} s" for k, v in builds.items() if "only" not in k))

        libraries = {name: Library.open(url) for name, url in urls.items()}
        latencies: dict[str, list[float]] = {name: [] for name in builds}
        recall: dict[str, list[float]] = {name: [] for name in builds}
        peers = (
            ("tantivy (raw)", raw_index.searcher(), raw_index, False),
            ("tantivy (folded)", fold_index.searcher(), fold_index, True),
        )
        for round_ in range(2):  # the first round warms caches; the second is measured
            for query in queries:
                for name, library in libraries.items():
                    t0 = time.perf_counter()
                    library.search(query.text, limit=20)
                    t1 = time.perf_counter()
                    with Session(library.engine) as session:
                        backend = backend_for(session)
                        m0 = time.perf_counter()
                        backend.match(session, parse_query(query.text), SearchFilters(), 20, 0)
                        m1 = time.perf_counter()
                    if round_ == 1:
                        latencies[f"handscroll, {name}"].append(t1 - t0)
                        latencies[f"handscroll, {name} (match only)"].append(m1 - m0)
                for peer, searcher, index, folded in peers:
                    s0 = time.perf_counter()
                    hits = searcher.search(tantivy_query(index, query, folded), 20).hits
                    for _score, address in hits:
                        searcher.doc(address)
                    if round_ == 1:
                        latencies[peer].append(time.perf_counter() - s0)
        for query in (q for q in queries if q.kind == "cross-script"):
            for name, library in libraries.items():
                share = len(all_matches(library, query.text) & query.truth) / len(query.truth)
                recall[f"handscroll, {name}"].append(share)
                recall[f"handscroll, {name} (match only)"].append(share)
            for peer, searcher, index, folded in peers:
                hits = searcher.search(tantivy_query(index, query, folded), 200_000).hits
                got = {searcher.doc(address)["id"][0] for _score, address in hits}
                recall[peer].append(len(got & query.truth) / len(query.truth))
        typo = [q.text[:-1] + "x" for q in queries if q.kind == "word"][:30]
        typo_times: dict[str, list[float]] = {name: [] for name in libraries}
        for text_ in typo:
            for name, library in libraries.items():
                t0 = time.perf_counter()
                library.search(text_)
                typo_times[name].append(time.perf_counter() - t0)
        for library in libraries.values():
            library.close()
    if pg_url is not None:
        drop_bench_database(args.pg, pg_url)
    report(args, queries, builds, latencies, recall, typo_times)


def report(
    args: argparse.Namespace,
    queries: list[Query],
    builds: dict[str, float],
    latencies: dict[str, list[float]],
    recall: dict[str, list[float]],
    typo_times: dict[str, list[float]],
) -> None:
    table = Table(title=f"Search, {args.features:,} features, {len(queries):,} queries (second round)")
    for column in ("engine", "index build", "p50", "p95", "p99", "cross-script recall"):
        table.add_column(column)
    for name, values in latencies.items():
        ms = [v * 1000 for v in values]
        table.add_row(
            name,
            f"{builds[name]:.1f} s",
            f"{percentile(ms, 50):.2f} ms",
            f"{percentile(ms, 95):.2f} ms",
            f"{percentile(ms, 99):.2f} ms",
            f"{statistics.mean(recall[name]):.3f}",
        )
    console.print(table)
    for ours in (name for name in latencies if name.startswith("handscroll")):
        ours95 = percentile(latencies[ours], 95)
        for peer in ("tantivy (raw)", "tantivy (folded)"):
            console.print(f"{ours} p95 / {peer} p95 = {ours95 / percentile(latencies[peer], 95):.1f}")
    for engine in (name for name in latencies if "only" not in name and "folded" not in name):
        by_kind: dict[str, list[float]] = {}
        for query, seconds in zip(queries, latencies[engine], strict=True):
            by_kind.setdefault(query.kind, []).append(seconds * 1000)
        for kind, ms in sorted(by_kind.items()):
            console.print(
                f"  {engine} {kind:13} n={len(ms):4}  "
                f"p50 {percentile(ms, 50):7.2f} ms  p95 {percentile(ms, 95):7.2f} ms"
            )
    for name, times in typo_times.items():
        ms = [t * 1000 for t in times]
        console.print(
            f"did-you-mean, {name} (30 misspelt words, vocabulary from the index): "
            f"p50 {percentile(ms, 50):.0f} ms, max {max(ms):.0f} ms"
        )


if __name__ == "__main__":
    main()
