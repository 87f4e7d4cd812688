"""Benchmark: backend throughput with 100,000 intakes in PostgreSQL.

Creates a fresh PostgreSQL database (``bench_throughput``, dropped first), runs the migrations
(``wegwijzer db upgrade``) and ``wegwijzer setup --demo``, adds schools and bulk-seeds the
intakes with COPY (asyncpg), their free text encrypted by ``shared.crypto`` with the key the
backend is given, so the backend reads them as its own. Then it starts the real backend
(``python -m backend``, environment as in tests/e2e/stack.py) and loads it with concurrent
aiohttp clients, one phase after another, each for a fixed time:

- ``POST /api/intakes`` with the service token (a new conversation per request),
- ``GET /api/intakes``: the JSON inbox of the demo school's contact person (session cookie):
  its first page (50 intakes; before pagination it was all of them),
- ``GET /dashboard``: the same inbox as the HTML page (its first page, 50 intakes).

It prints the core count, the seeding time and, per phase: requests, failures, requests/s,
median and p95 latency; a phase's name gives the rows each response held. The intakes are spread over ``--schools`` schools (a board of 40
schools by default), so the contact person's inbox holds 100,000 / 40 = 2,500 of them.

    .venv/bin/python bench/backend_throughput.py                      # about 5 minutes here
    .venv/bin/python bench/backend_throughput.py --intakes 5000 --seconds 5   # quick look

Needs a PostgreSQL server (``--postgres``, default postgresql://postgres@127.0.0.1:5432).
"""
from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.e2e.fixtures import DEMO_LOGIN  # noqa: E402
from tests.e2e.stack import Stack  # noqa: E402

DATABASE = "bench_throughput"
STORIES = [
    "Twee jongens pakken elke dag mijn spullen af in de pauze en lachen me dan uit.",
    "Mijn dochter wordt buitengesloten door haar klasgenoten en in de groepsapp uitgescholden.",
    "Een docent maakt steeds opmerkingen over mijn uiterlijk waar de hele klas bij is.",
    "Er worden foto's van mij rondgestuurd die ik niet wil, ik durf niet meer naar school.",
]
CATEGORIES = [["pesten"], ["cyberpesten", "pesten"], ["ongewenst_gedrag"], ["sexting"]]


def intake_body(school: str = "demo") -> dict:
    """A valid ``IntakeIn`` (backend/static/openapi.yaml), as the action server sends it."""
    return {
        "school": school, "kanaal": "rest", "conversation_id": f"bench-{uuid.uuid4().hex}",
        "rol": "leerling", "categorieen": ["pesten"], "wat_gebeurd": STORIES[0],
        "wanneer": "vorige week maandag", "betrokkenen": "twee jongens uit mijn klas",
        "al_ondernomen": ["niets"], "wens": ["stoppen_gedrag"],
        "advies_routes": ["vertrouwenspersoon"], "gekozen_route": "vertrouwenspersoon",
        "signalen": ["minderjarig"], "anoniem": True, "naam": None, "contact": None,
    }


def create_database(admin_url: str, name: str = DATABASE) -> str:
    import sqlalchemy as sa

    engine = sa.create_engine(f"{admin_url}/postgres", isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return f"{admin_url}/{name}"


async def seed(url: str, data_key: str, intakes: int, schools: int) -> float:
    """``intakes`` intakes over ``schools`` schools (the demo school and new ones), by COPY."""
    import asyncpg

    from backend.auth import security
    from shared import crypto

    crypto.use_keys([data_key])
    started = time.perf_counter()
    conn = await asyncpg.connect(url)
    try:
        now = datetime.now(timezone.utc)
        await conn.executemany(
            "INSERT INTO schools (slug, name, created_at) VALUES ($1, $2, $3)",
            [(f"bench-{i:02d}", f"Benchschool {i}", now) for i in range(1, schools)],
        )
        school_ids = [row["id"] for row in await conn.fetch(
            "SELECT id FROM schools WHERE slug = 'demo' OR slug LIKE 'bench-%' ORDER BY id")]
        columns = ["id", "code", "school_id", "kanaal", "conversation_id", "rol", "categorieen",
                   "wat_gebeurd", "wanneer", "betrokkenen", "al_ondernomen", "wens",
                   "advies_routes", "gekozen_route", "signalen", "anoniem", "status",
                   "created_at"]
        codes: set[str] = set()
        rng = random.Random(7)
        records = []
        for n in range(intakes):
            code = security.generate_code()
            while code in codes:
                code = security.generate_code()
            codes.add(code)
            story = rng.randrange(len(STORIES))
            records.append((
                str(uuid.uuid4()), code, school_ids[n % len(school_ids)], "rest",
                f"seed-{n}", "leerling", json.dumps(CATEGORIES[story]),
                crypto.encrypt(STORIES[story]), crypto.encrypt("vorige week"),
                crypto.encrypt("iemand uit mijn klas"), json.dumps(["niets"]),
                json.dumps(["stoppen_gedrag"]), json.dumps(["vertrouwenspersoon"]),
                "vertrouwenspersoon", json.dumps(["minderjarig"]), True,
                rng.choice(["nieuw", "in_behandeling", "afgerond"]),
                now - timedelta(minutes=rng.randrange(365 * 24 * 60)),
            ))
        await conn.copy_records_to_table("intakes", records=records, columns=columns)
        await conn.execute("ANALYZE")
    finally:
        await conn.close()
    return time.perf_counter() - started


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


async def phase(name, make_request, concurrency: int, seconds: float) -> dict:
    """``concurrency`` workers repeating one request for ``seconds``; latencies in ms."""
    latencies: list[float] = []
    failures: collections.Counter = collections.Counter()  # HTTP status or exception -> count
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                outcome = await make_request()
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                outcome = type(exc).__name__
            latencies.append((time.perf_counter() - started) * 1000)
            if outcome is not True:
                failures[outcome] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - started
    return {"phase": f"{name}, {concurrency} client{'s' if concurrency > 1 else ''}",
            "requests": len(latencies), "failed": sum(failures.values()), "why": dict(failures),
            "rps": len(latencies) / elapsed, "median": statistics.median(latencies),
            "p95": percentile(latencies, 0.95)}


async def load(stack: Stack, concurrency: int, seconds: float) -> list[dict]:
    timeout = aiohttp.ClientTimeout(total=120)
    connector = aiohttp.TCPConnector(limit=concurrency)
    # unsafe: keep the session cookie of an IP-address host (127.0.0.1).
    async with aiohttp.ClientSession(timeout=timeout, connector=connector,
                                     cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
        service = {"Authorization": f"Bearer {stack.service_token}"}

        async def post_intake() -> bool:
            async with http.post(f"{stack.backend_url}/api/intakes", json=intake_body(),
                                 headers=service) as response:
                await response.read()
                return response.status == 201 or response.status

        async with http.post(f"{stack.backend_url}/api/auth/login",
                             json={"email": DEMO_LOGIN[0], "password": DEMO_LOGIN[1]}) as response:
            response.raise_for_status()
        async with http.get(f"{stack.backend_url}/api/intakes") as response:
            page_size = len(await response.json())  # the first page (all, before pagination)

        async def get(path: str) -> bool:
            async with http.get(f"{stack.backend_url}{path}", allow_redirects=False) as response:
                await response.read()
                return response.status == 200 or response.status

        results = [await phase("POST /api/intakes", post_intake, concurrency, seconds)]
        for path in ("/api/intakes", "/dashboard"):
            for clients in sorted({1, concurrency}):
                results.append(await phase(f"GET {path} ({page_size} rows)",
                                           lambda path=path: get(path), clients, seconds))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432",
                        help="server URL without a database name")
    parser.add_argument("--database", default=DATABASE,
                        help="database to (re)create: dropped first, so give each run its own")
    parser.add_argument("--intakes", type=int, default=100_000)
    parser.add_argument("--schools", type=int, default=40, help="schools the intakes are spread over")
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20, help="duration of each phase")
    args = parser.parse_args(argv)

    url = create_database(args.postgres, args.database)
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp), extra_env={"DATABASE_URL": url})
        started = time.perf_counter()
        stack.cli("db", "upgrade")
        stack.cli("setup", "--demo")
        migrate_seconds = time.perf_counter() - started
        seed_seconds = asyncio.run(seed(url, stack.data_key, args.intakes, args.schools))
        log_path = REPO / "var" / "bench" / "backend_throughput.log"  # kept for a look after
        log_path.parent.mkdir(parents=True, exist_ok=True)
        log = log_path.open("wb")
        backend = subprocess.Popen([str(REPO / ".venv/bin/python"), "-m", "backend"], cwd=REPO,
                                   env=stack.env(), stdout=log, stderr=subprocess.STDOUT)
        try:
            import requests

            deadline = time.monotonic() + 60
            while True:
                try:
                    if requests.get(f"{stack.backend_url}/health", timeout=2).ok:
                        break
                except requests.RequestException:
                    pass
                if backend.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(log_path.read_text()[-3000:])
                time.sleep(0.3)
            results = asyncio.run(load(stack, args.concurrency, args.seconds))
        finally:
            backend.terminate()
            backend.wait(30)

    print(f"cores: {os.cpu_count()}; PostgreSQL database {args.database}: {args.intakes} intakes over "
          f"{args.schools} schools; migrations + demo setup {migrate_seconds:.1f} s, "
          f"seeding (COPY, encrypted) {seed_seconds:.1f} s")
    print(f"{args.seconds:.0f} s per phase (a request started before its end is waited for); "
          f"backend log: var/bench/backend_throughput.log")
    print(f"{'phase':48}{'requests':>9}{'failed':>7}{'req/s':>8}{'median ms':>11}{'p95 ms':>9}")
    for r in results:
        why = f"  ({r['why']})" if r["why"] else ""
        print(f"{r['phase']:48}{r['requests']:>9}{r['failed']:>7}{r['rps']:>8.1f}"
              f"{r['median']:>11.1f}{r['p95']:>9.1f}{why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
