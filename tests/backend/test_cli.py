"""The ``wegwijzer`` command-line tool, called through ``main([...])``."""
from __future__ import annotations

import asyncio
import io

import pytest

from backend import migrate, store
from cli import main as cli
from cli.setup import DEMO_BOARD_FILE, DEMO_SCHOOL_NAME, DEMO_SCHOOL_SLUG
from backend.db import create_engine, create_session_factory


def run_queries(url, work):
    """Run ``work(db)`` against the database at ``url`` (from sync test code)."""

    async def runner():
        engine = create_engine(url)
        try:
            return await work(create_session_factory(engine))
        finally:
            await engine.dispose()

    return asyncio.run(runner())


@pytest.fixture
def cli_db(fresh_database, monkeypatch):
    """DATABASE_URL of an empty database (no tables yet)."""
    monkeypatch.setenv("DATABASE_URL", fresh_database)
    monkeypatch.delenv("WEGWIJZER_DEMO_PASSWORD", raising=False)
    return fresh_database


@pytest.fixture
def migrated_db(cli_db):
    migrate.upgrade(cli_db)
    assert cli.main(["schools", "add", "--slug", "noord", "--name", "Noorderlicht College"]) == 0
    assert cli.main(["schools", "add", "--slug", "zuid", "--name", "Zuiderzee Lyceum"]) == 0
    return cli_db


def stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(text))


def can_log_in(url, email, password) -> bool:
    async def work(db):
        try:
            await store.accounts.authenticate(db, email, password)
        except store.errors.InvalidCredentials:
            return False
        return True

    return run_queries(url, work)


def schools_of(url, email):
    async def work(db):
        user = await store.accounts.authenticate(db, email, "een-goed-wachtwoord")
        return [school.slug for school in user.schools]

    return run_queries(url, work)


def test_users_add_reads_the_password_from_stdin(migrated_db, monkeypatch, capsys):
    stdin(monkeypatch, "een-goed-wachtwoord\n")
    code = cli.main([
        "users", "add", "--school", "noord", "--email", "Jet@School.nl",
        "--name", "Jet de Vries", "--password-stdin",
    ])
    assert code == 0
    assert "jet@school.nl" in capsys.readouterr().out
    assert can_log_in(migrated_db, "jet@school.nl", "een-goed-wachtwoord")
    assert not can_log_in(migrated_db, "jet@school.nl", "een-goed-wachtwoord\n")


def test_users_add_for_an_existing_email_adds_the_school(migrated_db, monkeypatch, capsys):
    args = ["users", "add", "--email", "jet@school.nl", "--name", "Jet", "--password-stdin"]
    stdin(monkeypatch, "een-goed-wachtwoord\n")
    assert cli.main([*args, "--school", "noord"]) == 0
    stdin(monkeypatch, "een-ander-wachtwoord\n")
    assert cli.main([*args, "--school", "zuid", "--school", "noord"]) == 0
    out = capsys.readouterr().out
    assert "bestond al" in out and "zuid" in out
    assert schools_of(migrated_db, "jet@school.nl") == ["noord", "zuid"]
    assert not can_log_in(migrated_db, "jet@school.nl", "een-ander-wachtwoord")


def test_users_add_with_an_unknown_school_exits_2_and_adds_no_one(migrated_db, monkeypatch, capsys):
    stdin(monkeypatch, "een-goed-wachtwoord\n")
    code = cli.main([
        "users", "add", "--school", "noord", "--school", "nergens", "--email", "jet@school.nl",
        "--name", "Jet", "--password-stdin",
    ])
    assert code == 2
    assert "nergens" in capsys.readouterr().err
    assert not can_log_in(migrated_db, "jet@school.nl", "een-goed-wachtwoord")


@pytest.mark.parametrize("password, words", [("\n", "leeg"), ("kort\n", "te kort"), ("", "leeg")])
def test_users_add_refuses_an_empty_or_short_password(migrated_db, monkeypatch, capsys, password, words):
    stdin(monkeypatch, password)
    code = cli.main([
        "users", "add", "--school", "noord", "--email", "jet@school.nl", "--name", "Jet",
        "--password-stdin",
    ])
    assert code == 2
    assert words in capsys.readouterr().err


def test_users_add_requires_password_stdin(migrated_db, capsys):
    code = cli.main(["users", "add", "--school", "noord", "--email", "a@b.nl", "--name", "A"])
    assert code == 2
    assert "--password-stdin" in capsys.readouterr().err


@pytest.mark.parametrize("slug", ["Hoofdletter", "met spatie", "-begin", "a_b", ""])
def test_schools_add_validates_the_slug(cli_db, slug, capsys):
    assert cli.main(["schools", "add", "--slug", slug, "--name", "Een school"]) == 2
    assert "slug" in capsys.readouterr().err


def test_setup_demo_is_idempotent(cli_db, capsys):
    assert cli.main(["setup", "--demo"]) == 0
    first = capsys.readouterr().out
    assert "aangemaakt" in first and "demo-wachtwoord" in first
    assert cli.main(["setup", "--demo"]) == 0
    second = capsys.readouterr().out
    assert "bestond al" in second and "aangemaakt" not in second

    async def work(db):
        school = await store.schools.get_school(db, "demo")
        user = await store.accounts.authenticate(db, "demo@wegwijzer.local", "demo-wachtwoord")
        return school.name, [s.slug for s in user.schools]

    assert run_queries(cli_db, work) == ("Demoschool De Wegwijzer", ["demo"])


def test_setup_demo_takes_the_password_from_the_environment(cli_db, monkeypatch, capsys):
    monkeypatch.setenv("WEGWIJZER_DEMO_PASSWORD", "geheim-uit-de-omgeving")
    assert cli.main(["setup", "--demo"]) == 0
    assert "geheim-uit-de-omgeving" not in capsys.readouterr().out
    assert can_log_in(cli_db, "demo@wegwijzer.local", "geheim-uit-de-omgeving")
    assert not can_log_in(cli_db, "demo@wegwijzer.local", "demo-wachtwoord")


def test_db_upgrade_creates_the_schema(cli_db):
    assert cli.main(["db", "upgrade"]) == 0

    async def work(db):
        return await store.intakes.count_intakes(db)

    assert run_queries(cli_db, work) == 0


def test_an_unsupported_database_url_is_a_clear_error(monkeypatch, capsys):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/wegwijzer")
    assert cli.main(["db", "upgrade"]) == 2
    assert "Unsupported database URL" in capsys.readouterr().err


# --- boards and schools from YAML ------------------------------------------------------------

SECOND_BOARD = """\
bestuur:
  slug: noorderlicht
  naam: Stichting Noorderlicht
  regeling:
    bestuur: {adres: "Postbus 1, 9700 AA Groningen", telefoon: "050-1234567"}
    regeling_naam: Klachtenregeling Noorderlicht
    routes: [onderling_overleg, contactpersoon, directeur, bevoegd_gezag, landelijke_klachtencommissie, vertrouwenspersoon]
    vertrouwenspersonen:
      - {naam: Voorbeeld Vertrouwenspersoon, telefoon: "050-7654321"}
scholen:
  - slug: noord
    naam: Noorderlicht College
    contactpersonen:
      - {naam: Voorbeeld Contactpersoon, email: contact@noorderlicht.example}
  - slug: oost
    naam: Oosterpoort School
"""


def write(tmp_path, text, name="bestuur.yml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def stored(url):
    """Boards with their profile's routes, and schools with board and contact persons."""

    async def work(db):
        from sqlalchemy import select
        from sqlalchemy.orm import selectinload

        from backend.models import Board, School

        async with db() as session:
            boards = (await session.execute(select(Board).order_by(Board.slug))).scalars().all()
            schools = (
                await session.execute(
                    select(School).options(selectinload(School.board)).order_by(School.slug)
                )
            ).scalars().all()
        return (
            {b.slug: (b.name, b.profile["routes"]) for b in boards},
            {
                s.slug: (s.name, s.board.slug if s.board else None, [p["naam"] for p in s.contactpersonen])
                for s in schools
            },
        )

    return run_queries(url, work)


def test_schools_import_creates_the_board_and_its_schools(migrated_db, tmp_path, capsys):
    path = write(tmp_path, SECOND_BOARD)
    assert cli.main(["schools", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Bestuur 'noorderlicht' aangemaakt" in out
    assert "School 'noord' bestond al, bijgewerkt" in out  # made by migrated_db, now linked
    assert "School 'oost' aangemaakt" in out
    boards, schools = stored(migrated_db)
    assert boards == {
        "noorderlicht": (
            "Stichting Noorderlicht",
            ["onderling_overleg", "contactpersoon", "directeur", "bevoegd_gezag",
             "landelijke_klachtencommissie", "vertrouwenspersoon"],
        )
    }
    assert schools == {
        "noord": ("Noorderlicht College", "noorderlicht", ["Voorbeeld Contactpersoon"]),
        "oost": ("Oosterpoort School", "noorderlicht", []),
        "zuid": ("Zuiderzee Lyceum", None, []),
    }


def test_schools_import_is_idempotent_and_applies_changes(migrated_db, tmp_path, capsys):
    path = write(tmp_path, SECOND_BOARD)
    assert cli.main(["schools", "import", str(path)]) == 0
    first = stored(migrated_db)
    capsys.readouterr()
    assert cli.main(["schools", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "aangemaakt" not in out and "bijgewerkt" not in out
    assert out.count("ongewijzigd") == 3  # the board and both schools
    assert stored(migrated_db) == first

    changed = SECOND_BOARD.replace("Oosterpoort School", "Oosterpoort").replace(
        "routes: [onderling_overleg,", "routes: [onderling_overleg, klachtencommissie,"
    ).replace(
        "    vertrouwenspersonen:", "    klachtencommissie: {naam: Eigen Commissie}\n    vertrouwenspersonen:"
    )
    path.write_text(changed.replace("  - slug: noord\n    naam: Noorderlicht College\n    contactpersonen:\n      - {naam: Voorbeeld Contactpersoon, email: contact@noorderlicht.example}\n", ""), encoding="utf-8")
    assert cli.main(["schools", "import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Bestuur 'noorderlicht' bestond al, bijgewerkt" in out
    assert "School 'oost' bestond al, bijgewerkt" in out
    assert "Niet in het bestand, ongewijzigd gelaten: noord" in out
    boards, schools = stored(migrated_db)
    assert "klachtencommissie" in boards["noorderlicht"][1]
    assert schools["oost"] == ("Oosterpoort", "noorderlicht", [])
    assert schools["noord"] == first[1]["noord"]  # left as it was


BAD_FILES = {
    "bad_yaml": ("bestuur:\n  slug: x\n naam: [kapot\n", ["not valid YAML", "line"]),
    "duplicate_key": (SECOND_BOARD.replace("  naam: Stichting Noorderlicht\n", "  naam: A\n  naam: B\n"),
                      ["not valid YAML", "'naam' appears twice"]),
    "empty_file": ("", ["the file is empty"]),
    "missing_board": (SECOND_BOARD.split("scholen:")[0].replace("bestuur:", "besturen:") + "scholen: []\n",
                      ["bestuur: missing", "unknown field(s) 'besturen'"]),
    "bad_board_slug": (SECOND_BOARD.replace("slug: noorderlicht", "slug: Noorder Licht"),
                       ["bestuur.slug:", "not a valid code"]),
    "bad_profile_field": (SECOND_BOARD.replace('telefoon: "050-7654321"', "telefoon: 0507654321"),
                          ["bestuur.regeling.vertrouwenspersonen[0].telefoon:", "in quotes"]),
    "bad_term": (SECOND_BOARD.replace("    regeling_naam:", "    termijnen: {hoorzitting_weken: -4}\n    regeling_naam:"),
                 ["bestuur.regeling.termijnen.hoorzitting_weken:", "positive whole number"]),
    "unknown_profile_field": (SECOND_BOARD.replace("    regeling_naam:", "    kleur: blauw\n    regeling_naam:"),
                              ["bestuur.regeling: unknown field(s) 'kleur'"]),
    "unknown_route": (SECOND_BOARD.replace("directeur, bevoegd_gezag", "directeur, rector, bevoegd_gezag"),
                      ["bestuur.regeling.routes:", "unknown route 'rector'"]),
    "committee_without_route": (SECOND_BOARD.replace("    vertrouwenspersonen:", "    klachtencommissie: {naam: X}\n    vertrouwenspersonen:"),
                                ["bestuur.regeling.klachtencommissie:", "not in routes"]),
    "duplicate_school": (SECOND_BOARD + "  - slug: oost\n    naam: Nog een Oosterpoort\n",
                         ["scholen[2].slug:", "'oost' is already used by scholen[1]"]),
    "bad_contact_person": (SECOND_BOARD.replace("email: contact@noorderlicht.example", "email: geen-adres"),
                           ["scholen[0].contactpersonen[0].email:", "not an e-mail address"]),
    "unreachable_person": (SECOND_BOARD.replace("{naam: Voorbeeld Contactpersoon, email: contact@noorderlicht.example}", "{naam: Niemand}"),
                           ["scholen[0].contactpersonen[0]:", "must be reachable"]),
    "school_without_name": (SECOND_BOARD.replace("    naam: Oosterpoort School\n", ""),
                            ["scholen[1].naam: missing"]),
    "school_data_in_profile": (SECOND_BOARD.replace("    regeling_naam:", "    school: {naam: X}\n    regeling_naam:"),
                               ["bestuur.regeling.school:", "scholen[i].contactpersonen"]),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_schools_import_refuses_a_bad_file_and_writes_nothing(migrated_db, tmp_path, capsys, case):
    text, expected = BAD_FILES[case]
    path = write(tmp_path, text, name=f"{case}.yml")
    before = stored(migrated_db)
    assert cli.main(["schools", "import", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(path) in captured.err and "niets opgeslagen" in captured.err
    for words in expected:
        assert words in captured.err, captured.err
    assert stored(migrated_db) == before


def test_schools_import_reports_every_problem_at_once(migrated_db, tmp_path, capsys):
    text = SECOND_BOARD.replace("slug: oost", "slug: Oost").replace(
        "email: contact@noorderlicht.example", "email: geen-adres"
    )
    assert cli.main(["schools", "import", str(write(tmp_path, text))]) == 2
    err = capsys.readouterr().err
    assert "2 fouten" in err
    assert "scholen[0].contactpersonen[0].email" in err and "scholen[1].slug" in err


def test_schools_import_of_a_missing_file_exits_2(migrated_db, tmp_path, capsys):
    assert cli.main(["schools", "import", str(tmp_path / "bestaat-niet.yml")]) == 2
    assert "bestaat-niet.yml: 1 fout" in capsys.readouterr().err


def test_schools_add_with_a_board(migrated_db, tmp_path, capsys):
    assert cli.main(["schools", "import", str(write(tmp_path, SECOND_BOARD))]) == 0
    capsys.readouterr()
    assert cli.main(["schools", "add", "--slug", "west", "--name", "Westhaven", "--board", "noorderlicht"]) == 0
    assert "aangemaakt bij bestuur 'noorderlicht'" in capsys.readouterr().out
    assert cli.main(["schools", "add", "--slug", "zuid", "--name", "Zuiderzee Lyceum", "--board", "noorderlicht"]) == 0
    assert "hoort nu bij bestuur 'noorderlicht'" in capsys.readouterr().out
    _, schools = stored(migrated_db)
    assert schools["west"] == ("Westhaven", "noorderlicht", [])
    assert schools["zuid"] == ("Zuiderzee Lyceum", "noorderlicht", [])


def test_schools_add_with_an_unknown_board_exits_2_and_adds_nothing(migrated_db, capsys):
    before = stored(migrated_db)
    code = cli.main(["schools", "add", "--slug", "west", "--name", "Westhaven", "--board", "nergens"])
    assert code == 2
    err = capsys.readouterr().err
    assert "Onbekend bestuur 'nergens'" in err and "schools import" in err
    assert stored(migrated_db) == before
    code = cli.main(["schools", "add", "--slug", "zuid", "--name", "Zuiderzee Lyceum", "--board", "nergens"])
    assert code == 2
    assert stored(migrated_db) == before


def test_setup_demo_puts_the_demo_school_in_the_scol_board(cli_db, capsys):
    assert cli.main(["setup", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "Bestuur 'scol' aangemaakt" in out
    boards, schools = stored(cli_db)
    assert boards["scol"][0] == "Stichting Confessioneel Onderwijs Leiden"
    assert schools == {
        "demo": ("Demoschool De Wegwijzer", "scol", ["Demo Contactpersoon"]),
    }


def test_setup_demo_links_a_demo_school_made_before_boards_existed(cli_db, capsys):
    migrate.upgrade(cli_db)
    assert cli.main(["schools", "add", "--slug", "demo", "--name", "Demoschool De Wegwijzer"]) == 0
    assert stored(cli_db)[1]["demo"][1] is None
    assert cli.main(["setup", "--demo"]) == 0
    assert "School 'demo' bestond al, bijgewerkt" in capsys.readouterr().out
    assert stored(cli_db)[1]["demo"] == ("Demoschool De Wegwijzer", "scol", ["Demo Contactpersoon"])


def test_the_demo_board_file_carries_the_seed_regulation():
    from backend.schoolconfig import load_board_file
    from wegwijzer.regulation import seed_profile

    board = load_board_file(DEMO_BOARD_FILE)
    assert board.profile == seed_profile()
    assert [school.slug for school in board.scholen] == [DEMO_SCHOOL_SLUG]
    assert board.scholen[0].naam == DEMO_SCHOOL_NAME
