"""deploy/prod.py's checks and rendering, without starting anything: what the production profile
refuses (and says why), and what nginx and supervisord are given."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from deploy import prod

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
GOOD = {
    "DATABASE_URL": "postgresql://wegwijzer@db/wegwijzer",
    "TRACKER_STORE_URL": "postgresql://wegwijzer@db/wegwijzer_gesprekken",
    "RASA_AUTH_TOKEN": "a-real-token",
    "WEGWIJZER_SERVICE_TOKEN": "another-real-token",
    "WEGWIJZER_SECRET_KEY": "k1",
    "WEGWIJZER_DATA_KEYS": "k2",
    "WEGWIJZER_SIGNING_KEY": "k3",
    "NGINX": NGINX,
}


def settings(**changes: str):
    return prod.settings_from({}, {**GOOD, **changes})


def problems(**changes: str) -> str:
    with pytest.raises(prod.SettingsError) as refused:
        settings(**changes)
    return str(refused.value)


def test_sqlite_one_database_for_both_and_development_secrets_are_refused_with_the_reason():
    assert "DATABASE_URL must be a PostgreSQL URL" in problems(DATABASE_URL="sqlite:///var/x.db")
    assert "must be two databases" in problems(TRACKER_STORE_URL=GOOD["DATABASE_URL"])
    assert "RASA_AUTH_TOKEN is not set (or is the development value)" in problems(
        RASA_AUTH_TOKEN="dev-rasa-token")
    assert "WEGWIJZER_DATA_KEYS is not set" in problems(WEGWIJZER_DATA_KEYS="")


def test_ports_origins_servers_and_programs_are_checked():
    assert "ports of the processes must all differ" in problems(RASA2_PORT="5006")
    assert "RASA1_PORT must be a port number" in problems(RASA1_PORT="vijf")
    assert "is not an origin" in problems(WEGWIJZER_WIDGET_ORIGINS="https://school.nl/pagina")
    assert "is not host:port" in problems(WEGWIJZER_RASA_SERVERS="10.0.0.11")
    assert "no program 'rasa3'" in problems(WEGWIJZER_PROGRAMS="rasa1 rasa3")
    assert "both WEGWIJZER_TLS_CERT and WEGWIJZER_TLS_KEY" in problems(WEGWIJZER_TLS_CERT="/c.pem")


def test_the_file_wins_over_the_environment_and_the_internal_addresses_are_derived():
    chosen = prod.settings_from({"RASA1_PORT": "6001", "BACKEND_URL": "http://dev:8000"},
                                {**GOOD, "RASA1_PORT": "6006"})
    assert chosen.env["RASA1_PORT"] == "6006"
    # The Makefile's development URLs never leak into the profile.
    assert chosen.env["BACKEND_URL"] == "http://127.0.0.1:8001"
    assert chosen.env["ACTION_ENDPOINT_URL"] == "http://127.0.0.1:8081/webhook"
    assert chosen.env["WEGWIJZER_RASA_URL"] == "http://127.0.0.1:8081"
    assert chosen.rasa_servers == ("127.0.0.1:6006", "127.0.0.1:5007")


def test_nginx_gets_both_instances_the_origins_and_dutch_refusals():
    chosen = settings(WEGWIJZER_WIDGET_ORIGINS="https://school.nl https://*.scholengroep.nl")
    conf = prod.render_nginx(chosen)
    assert conf.count("server 127.0.0.1:5006") == 2 and conf.count("server 127.0.0.1:5007") == 2
    assert r'"~*^https://school\.nl$" 1;' in conf
    assert r'"~*^https://[a-z0-9-]+\.scholengroep\.nl$" 1;' in conf
    assert "te lang voor mij" in conf and "erg druk" in conf and "blijft bewaard" in conf
    assert "proxy_max_temp_file_size 0" in conf and "$remote_addr" not in conf.split("log_format")[1].split(";")[0]
    assert "ssl_certificate" not in conf
    tls = prod.render_nginx(settings(WEGWIJZER_TLS_CERT="/c.pem", WEGWIJZER_TLS_KEY="/k.pem"))
    assert "ssl_certificate /c.pem;" in tls and "Strict-Transport-Security" in tls
    assert prod.settings_from({}, {**GOOD, "WEGWIJZER_TLS_CERT": "/c.pem", "WEGWIJZER_TLS_KEY": "/k.pem"}
                              ).env["WEGWIJZER_COOKIE_SECURE"] == "1"


def test_a_machine_runs_only_its_programs_and_rasa_gets_the_origins_for_cors():
    chosen = settings(WEGWIJZER_PROGRAMS="rasa1 actions1 outbox",
                      WEGWIJZER_WIDGET_ORIGINS="https://school.nl",
                      WEGWIJZER_ACTIONS_SECRET="shared-by-all-machines")
    programs = dict(prod.programs(chosen))
    assert list(programs) == ["rasa1", "actions1", "outbox"]
    # The action server checks the secret Rasa sends (bot/actions_serve.py).
    assert "bot.actions_serve" in programs["actions1"]
    assert chosen.env["WEGWIJZER_ACTIONS_SECRET"] == "shared-by-all-machines"
    assert programs["rasa1"].endswith(r"--cors '^https://school\.nl$'")
    # The token reaches Rasa through the environment (bot/serve.py): not on disk, not in `ps`.
    assert "bot.serve" in programs["rasa1"] and "--auth-token" not in programs["rasa1"]
    assert "RASA_AUTH_TOKEN" not in programs["rasa1"]


def test_an_origin_pattern_matches_its_origin_and_its_subdomains_only():
    exact, wildcard = prod.origin_pattern("https://school.nl"), prod.origin_pattern("https://*.school.nl")
    assert re.match(exact, "https://school.nl") and not re.match(exact, "https://school.nl.evil.nl")
    assert not re.match(exact, "https://schoolxnl")
    assert re.match(wildcard, "https://www.school.nl") and not re.match(wildcard, "https://school.nl")
    assert not re.match(wildcard, "https://www.school.nl.evil.nl")
    # The backend's check of the same setting: what it refuses, the profile refuses.
    assert "is not an origin" in problems(WEGWIJZER_WIDGET_ORIGINS="*")


def test_init_writes_fresh_secrets_once_and_privately(tmp_path: Path):
    path = tmp_path / "prod.env"
    assert prod.init_env_file(path) is True
    first = path.read_text()
    assert prod.init_env_file(path) is False and path.read_text() == first
    assert path.stat().st_mode & 0o077 == 0
    values = prod.read_env_file(path)
    assert prod.settings_from({}, {**values, "NGINX": NGINX}).env["RASA_AUTH_TOKEN"] not in (
        prod.DEVELOPMENT_VALUES)
    assert prod.init_env_file(tmp_path / "other.env") and \
        prod.read_env_file(tmp_path / "other.env")["RASA_AUTH_TOKEN"] != values["RASA_AUTH_TOKEN"]


def test_the_action_servers_secret_is_made_on_one_machine_and_required_across_several():
    one, other = settings(), settings()
    assert one.env["WEGWIJZER_ACTIONS_SECRET"] and one.env["WEGWIJZER_ACTIONS_SECRET"] != (
        other.env["WEGWIJZER_ACTIONS_SECRET"])
    assert one.env["SANIC_HOST"] == "127.0.0.1"
    assert "WEGWIJZER_ACTIONS_SECRET must be set" in problems(WEGWIJZER_PROGRAMS="rasa1 actions1")
    assert "WEGWIJZER_ACTIONS_SECRET must be set" in problems(
        WEGWIJZER_ACTION_SERVERS="10.0.0.11:5056 10.0.0.12:5056")
    wide = settings(WEGWIJZER_ACTION_SERVERS="10.0.0.11:5056", WEGWIJZER_ACTIONS_SECRET="s")
    assert wide.env["SANIC_HOST"] == "0.0.0.0" and wide.env["WEGWIJZER_ACTIONS_SECRET"] == "s"
