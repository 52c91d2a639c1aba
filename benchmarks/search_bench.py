"""Search benchmark (issue 5): handscroll's SQLite FTS5 search beside tantivy, same documents, same run.

Generates N features (default 100,000), half English and half Chinese (of
those, half written in Traditional and half in Simplified), each a title and
one paragraph; 3% mention a place of the curated places list in one of its
forms (Mukden, Shenyang, 瀋陽, 沈阳...), and 2% carry a glossary term with
pinyin. Documents are made cheaply: feature and block rows go in with plain
executemany, and the index rows are written straight through the search
backend (`SqliteBackend.write` of `index_document`), not through full
imports with enrichment. The index build time is folding + FTS5 inserts.

Then 1,000 fixed queries (seeded): 400 English words, 150 two-word queries,
100 phrases, 100 prefixes, 250 cross-script (a place named in another form
than the document uses, or pinyin for a Chinese term). Latency is the whole
`Library.search` (parse, match, count, snippets of the first 20 results);
tantivy's is `searcher.search(query, 20)` plus loading the 20 documents.

tantivy runs twice: on the raw documents with its `en_stem` tokenizer (the
peer as it comes: no script folding, so cross-script recall shows what it
misses), and on the same folded text handscroll indexes (a like-for-like
latency). Recall on the cross-script part: of the documents that mention the
place or term in any form, the share each engine matches.

Not a test: nothing asserts on time. Loopback only (no network at all).

    python benchmarks/search_bench.py [--features 100000] [--queries 1000] [--seed 5]
"""

from __future__ import annotations

import argparse
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
from sqlalchemy import insert, text
from sqlalchemy.orm import Session

from handscroll.model import Feature, Paragraph
from handscroll.store import Library
from handscroll.store.query import fold_text, parse_query, place_index
from handscroll.store.search_sqlite import SqliteBackend
from handscroll.store.search_strategy import SearchFilters, match
from handscroll.store.search_text import TermForms, index_document
from handscroll.store.tables import BlockRow, FeatureRow
from handscroll.text.cjk import pinyin_plain, to_traditional

console = Console()

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
            from handscroll.text.cjk import to_simplified

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
    """Write feature and block rows, then time the index build (folding + FTS5 inserts)."""
    library = Library.open(url)
    engine = library._engine  # the benchmark writes rows directly, bypassing imports
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
    backend = SqliteBackend()
    started = time.perf_counter()
    with Session(engine) as session, session.begin():
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
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('optimize')"))
    elapsed = time.perf_counter() - started
    library.close()
    return elapsed


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    place_index()  # load the places list before timing
    started = time.perf_counter()
    corpus = generate(args.features, rng)
    console.print(f"generated {len(corpus.rows):,} documents in {time.perf_counter() - started:.1f} s")
    queries = make_queries(corpus, args.queries, rng)

    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.db'}"
        ours_build = build_handscroll(corpus, url)
        raw_index, raw_build = build_tantivy(corpus, folded=False)
        fold_index, fold_build = build_tantivy(corpus, folded=True)
        console.print(
            f"built: handscroll {ours_build:.1f} s, tantivy raw {raw_build:.1f} s, folded {fold_build:.1f} s"
        )

        library = Library.open(url)
        engine = library._engine
        latencies: dict[str, list[float]] = {
            "handscroll": [],
            "handscroll (match only)": [],
            "tantivy (raw)": [],
            "tantivy (folded)": [],
        }
        recall: dict[str, list[float]] = {k: [] for k in latencies}
        raw_searcher, fold_searcher = raw_index.searcher(), fold_index.searcher()
        for round_ in range(2):  # the first round warms caches; the second is measured
            for query in queries:
                t0 = time.perf_counter()
                library.search(query.text, limit=20)
                t1 = time.perf_counter()
                with Session(engine) as session:
                    m0 = time.perf_counter()
                    match(session, SqliteBackend(), parse_query(query.text), SearchFilters(), 20, 0)
                    m1 = time.perf_counter()
                for name, searcher, index, folded in (
                    ("tantivy (raw)", raw_searcher, raw_index, False),
                    ("tantivy (folded)", fold_searcher, fold_index, True),
                ):
                    s0 = time.perf_counter()
                    hits = searcher.search(tantivy_query(index, query, folded), 20).hits
                    for _score, address in hits:
                        searcher.doc(address)
                    if round_ == 1:
                        latencies[name].append(time.perf_counter() - s0)
                if round_ == 1:
                    latencies["handscroll"].append(t1 - t0)
                    latencies["handscroll (match only)"].append(m1 - m0)
        for query in (q for q in queries if q.kind == "cross-script"):
            with Session(engine) as session:
                found, _ = match(
                    session, SqliteBackend(), parse_query(query.text), SearchFilters(), 200_000, 0
                )
            ids = {fid for fid, _ in found}
            recall["handscroll"].append(len(ids & query.truth) / len(query.truth))
            recall["handscroll (match only)"].append(recall["handscroll"][-1])
            for name, searcher, index, folded in (
                ("tantivy (raw)", raw_searcher, raw_index, False),
                ("tantivy (folded)", fold_searcher, fold_index, True),
            ):
                hits = searcher.search(tantivy_query(index, query, folded), 200_000).hits
                got = {searcher.doc(address)["id"][0] for _score, address in hits}
                recall[name].append(len(got & query.truth) / len(query.truth))
        typo = [q.text[:-1] + "x" for q in queries if q.kind == "word"][:30]
        typo_times = []
        for text_ in typo:
            t0 = time.perf_counter()
            library.search(text_)
            typo_times.append(time.perf_counter() - t0)
        library.close()

    table = Table(title=f"Search, {args.features:,} features, {len(queries):,} queries (second round)")
    for column in ("engine", "index build", "p50", "p95", "p99", "cross-script recall"):
        table.add_column(column)
    builds = {
        "handscroll": ours_build,
        "handscroll (match only)": ours_build,
        "tantivy (raw)": raw_build,
        "tantivy (folded)": fold_build,
    }
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
    for ours in ("handscroll", "handscroll (match only)"):
        ours95 = percentile(latencies[ours], 95)
        for peer in ("tantivy (raw)", "tantivy (folded)"):
            console.print(f"{ours} p95 / {peer} p95 = {ours95 / percentile(latencies[peer], 95):.1f}")
    by_kind: dict[str, list[float]] = {}
    for query, seconds in zip(queries, latencies["handscroll"], strict=True):
        by_kind.setdefault(query.kind, []).append(seconds * 1000)
    for kind, ms in sorted(by_kind.items()):
        console.print(
            f"  handscroll {kind:13} n={len(ms):4}  "
            f"p50 {percentile(ms, 50):7.2f} ms  p95 {percentile(ms, 95):7.2f} ms"
        )
    ms = [t * 1000 for t in typo_times]
    console.print(
        f"did-you-mean (30 misspelt words, vocabulary scan): "
        f"p50 {percentile(ms, 50):.0f} ms, max {max(ms):.0f} ms"
    )


if __name__ == "__main__":
    main()
