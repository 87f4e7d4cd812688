"""The ``wegwijzer`` commands for accounts and schools: ``schools list``, ``users list``,
``users add --role/--board``, ``users deactivate`` and ``users activate``."""
from __future__ import annotations

import pytest

from cli import main as cli
from cli.setup import DEMO_BOARD_FILE
from tests.backend.test_cli import (  # noqa: F401  (fixtures)
    can_log_in,
    cli_db,
    migrated_db,
    stdin,
)

PASSWORD = "een-goed-wachtwoord"


def add(monkeypatch, *args: str) -> int:
    stdin(monkeypatch, PASSWORD + "\n")
    return cli.main(["users", "add", *args, "--password-stdin"])


def test_deactivated_users_cannot_log_in_until_activated(migrated_db, monkeypatch, capsys):
    assert add(monkeypatch, "--school", "noord", "--email", "jet@school.nl", "--name", "Jet") == 0
    assert can_log_in(migrated_db, "jet@school.nl", PASSWORD)

    assert cli.main(["users", "deactivate", "Jet@School.nl"]) == 0
    assert "gedeactiveerd" in capsys.readouterr().out
    assert not can_log_in(migrated_db, "jet@school.nl", PASSWORD)
    assert cli.main(["users", "deactivate", "jet@school.nl"]) == 0
    assert "was al gedeactiveerd" in capsys.readouterr().out

    assert cli.main(["users", "activate", "jet@school.nl"]) == 0
    assert "kan weer inloggen" in capsys.readouterr().out
    assert can_log_in(migrated_db, "jet@school.nl", PASSWORD)


def test_deactivating_an_unknown_user_exits_2(migrated_db, capsys):
    assert cli.main(["users", "deactivate", "niemand@school.nl"]) == 2
    assert "Geen gebruiker" in capsys.readouterr().err


def test_users_list_shows_role_schools_board_and_state(migrated_db, monkeypatch, capsys):
    assert cli.main(["schools", "import", str(DEMO_BOARD_FILE)]) == 0
    assert add(monkeypatch, "--school", "noord", "--school", "zuid", "--email", "jet@school.nl",
               "--name", "Jet") == 0
    assert add(monkeypatch, "--role", "vertrouwenspersoon", "--board", "scol",
               "--email", "vp@scol.nl", "--name", "Vera") == 0
    assert cli.main(["users", "deactivate", "jet@school.nl"]) == 0
    capsys.readouterr()

    assert cli.main(["users", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "e-mail\tnaam\trol\tactief\tscholen\tbestuur"
    assert lines[1:] == [
        "jet@school.nl\tJet\tcontactpersoon\tnee\tnoord,zuid\t-",
        "vp@scol.nl\tVera\tvertrouwenspersoon\tja\t-\tscol",
    ]
    assert PASSWORD not in "\n".join(lines) and "argon2" not in "\n".join(lines)


def test_users_list_on_an_empty_database_says_what_to_do(migrated_db, capsys):
    assert cli.main(["users", "list"]) == 0
    assert "wegwijzer users add" in capsys.readouterr().out


def test_schools_list_shows_board_and_counts(migrated_db, monkeypatch, capsys):
    assert cli.main(["schools", "import", str(DEMO_BOARD_FILE)]) == 0
    assert add(monkeypatch, "--school", "noord", "--email", "jet@school.nl", "--name", "Jet") == 0
    capsys.readouterr()
    assert cli.main(["schools", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "slug\tnaam\tbestuur\tgebruikers\tmeldingen"
    assert "demo\tDemoschool De Wegwijzer\tscol\t0\t0" in lines
    assert "noord\tNoorderlicht College\t-\t1\t0" in lines
    assert [line.split("\t")[0] for line in lines[1:]] == sorted(line.split("\t")[0] for line in lines[1:])


@pytest.mark.parametrize(
    "args, words",
    [
        (["--role", "vertrouwenspersoon", "--email", "vp@x.nl", "--name", "V"], "--board"),
        (["--role", "bestuur", "--board", "bestaat-niet", "--email", "b@x.nl", "--name", "B"],
         "Onbekend bestuur"),
        (["--email", "cp@x.nl", "--name", "C"], "--school"),
    ],
    ids=["board-role-without-board", "unknown-board", "contact-person-without-school"],
)
def test_users_add_checks_what_each_role_needs(migrated_db, monkeypatch, capsys, args, words):
    assert add(monkeypatch, *args) == 2
    assert words in capsys.readouterr().err


def test_users_add_refuses_an_unknown_role(migrated_db, monkeypatch, capsys):
    assert add(monkeypatch, "--role", "directeur", "--school", "noord", "--email", "d@x.nl",
               "--name", "D") == 2
    assert "directeur" in capsys.readouterr().err
