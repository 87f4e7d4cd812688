"""The production profile: two Rasa servers and two action servers behind nginx, on PostgreSQL
and Redis, with the backend and the two jobs of the Procfile, kept running by supervisord
(`make run-prod` runs this).

    .venv/bin/python deploy/prod.py init [ENV_FILE]    # a settings file with fresh secrets
    .venv/bin/python deploy/prod.py check [ENV_FILE]   # is everything there? (no start)
    .venv/bin/python deploy/prod.py run [ENV_FILE]     # render nginx.conf, migrate, run all
    .venv/bin/python deploy/prod.py run [ENV_FILE] --demo-account EMAIL   # and a demo login,
                                                       # its fresh password printed once

ENV_FILE (default ``var/prod/prod.env``) holds ``NAME=value`` lines; as with honcho's ``.env``,
a value in the file wins over the environment. What the profile writes (nginx's and
supervisord's configuration, sockets, the outbox) goes to ``WEGWIJZER_PROD_DIR`` (``var/prod``). ``run`` checks the settings (PostgreSQL URLs,
real secrets rather than the development ones), creates the two databases when the server
allows it, creates Rasa's tables once (two instances starting together would race to do it),
renders ``deploy/nginx.conf.j2`` and checks it with ``nginx -t``, runs the migrations
(``wegwijzer setup``), then hands over to supervisord (``deploy/supervisord.conf.j2``), which
restarts a process that ends and stops them all on Ctrl-C or SIGTERM.
"""
from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
if str(REPO) not in sys.path:  # run as a script: `backend` is beside deploy/
    sys.path.insert(0, str(REPO))

from backend.config import parse_origins  # noqa: E402  (the backend's check of the same setting)
DEFAULT_ENV_FILE = REPO / "var" / "prod" / "prod.env"
NGINX_TEMPLATE = REPO / "deploy" / "nginx.conf.j2"
SUPERVISOR_TEMPLATE = REPO / "deploy" / "supervisord.conf.j2"

# Every setting of the profile with its default; the secrets have none (``init`` makes them).
DEFAULTS: Dict[str, str] = {
    "WEGWIJZER_PUBLIC_LISTEN": "127.0.0.1:8080",  # nginx, for people; e.g. 443 with TLS
    "WEGWIJZER_INTERNAL_PORT": "8081",  # nginx, for Rasa → actions and backend → Rasa
    "BACKEND_PORT": "8001",
    "RASA1_PORT": "5006",
    "RASA2_PORT": "5007",
    "ACTIONS1_PORT": "5056",
    "ACTIONS2_PORT": "5057",
    "REDIS_HOST": "127.0.0.1",
    "REDIS_PORT": "6379",
    "REDIS_DB": "0",
    "WEGWIJZER_WIDGET_ORIGINS": "",  # the schools' sites, space-separated: https://school.nl
    "WEGWIJZER_CHAT_RATE": "50",  # requests per second per address to the chat, then 429
    "WEGWIJZER_CHAT_BURST": "200",
    "WEGWIJZER_CHAT_MAX_BODY": "64k",  # a longer chat message gets a Dutch "say it shorter"
    "WEGWIJZER_FAIL_TIMEOUT": "10",  # seconds nginx skips an instance that failed
    "WEGWIJZER_TLS_CERT": "",  # both set: nginx speaks TLS on WEGWIJZER_PUBLIC_LISTEN
    "WEGWIJZER_TLS_KEY": "",
    "NGINX": "",  # nginx's path; found on PATH or in /usr/sbin when empty
    "WEGWIJZER_PROD_DIR": str(REPO / "var" / "prod"),
    # Several machines (README, "Production profile"): which programs run here, and where nginx
    # finds the Rasa servers, action servers and backend (host:port, space-separated); by
    # default all of them on this machine.
    "WEGWIJZER_PROGRAMS": "",
    "WEGWIJZER_INTERNAL_URL": "",  # nginx's internal server seen from here (default: this machine)
    "WEGWIJZER_RASA_SERVERS": "",
    "WEGWIJZER_ACTION_SERVERS": "",
    "WEGWIJZER_BACKEND_SERVERS": "",
}
PROGRAMS = ("backend", "rasa1", "rasa2", "actions1", "actions2", "transcripts", "outbox", "nginx")
SECRETS = (
    "RASA_AUTH_TOKEN",
    "WEGWIJZER_SERVICE_TOKEN",
    "WEGWIJZER_SECRET_KEY",
    "WEGWIJZER_DATA_KEYS",
    "WEGWIJZER_SIGNING_KEY",
)
DATABASES = ("DATABASE_URL", "TRACKER_STORE_URL")
# The action servers' shared secret (bot/actions_serve.py): made at start on one machine.
ACTIONS_SECRET = "WEGWIJZER_ACTIONS_SECRET"
# The Makefile's development values: never in production.
DEVELOPMENT_VALUES = {"dev-rasa-token", "dev-service-token"}
PORTS = ("BACKEND_PORT", "RASA1_PORT", "RASA2_PORT", "ACTIONS1_PORT", "ACTIONS2_PORT",
         "WEGWIJZER_INTERNAL_PORT", "REDIS_PORT")


class SettingsError(Exception):
    """The settings cannot run the profile; ``problems`` says why, one line each."""

    def __init__(self, problems: List[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ProdSettings:
    env: Dict[str, str]  # everything the processes get: the environment, the file, derived
    nginx: str
    widget_origins: Tuple[str, ...]
    programs: Tuple[str, ...]  # the programs this machine runs
    rasa_servers: Tuple[str, ...]  # host:port behind nginx
    action_servers: Tuple[str, ...]
    backend_servers: Tuple[str, ...]

    @property
    def directory(self) -> Path:
        return Path(self.env["WEGWIJZER_PROD_DIR"])

    @property
    def prefix(self) -> Path:
        """nginx's prefix: its configuration, pid file and buffers."""
        return self.directory / "nginx"

    def port(self, name: str) -> int:
        return int(self.env[name])

    @property
    def public_url(self) -> str:
        listen = self.env["WEGWIJZER_PUBLIC_LISTEN"]
        host_port = listen if ":" in listen else f"127.0.0.1:{listen}"
        host, port = host_port.rsplit(":", 1)
        host = "127.0.0.1" if host in ("0.0.0.0", "*", "[::]") else host
        scheme = "https" if self.env["WEGWIJZER_TLS_CERT"] else "http"
        return f"{scheme}://{host}:{port}"


def read_env_file(path: Path) -> Dict[str, str]:
    """``NAME=value`` lines (``#`` comments, optional quotes), as honcho reads a ``.env``."""
    from honcho.environ import parse

    return dict(parse(path.read_text())) if path.exists() else {}


def settings_from(environ: Mapping[str, str], file_values: Mapping[str, str]) -> ProdSettings:
    """Merges environment, file and defaults, checks them and derives the internal URLs."""
    env = {**DEFAULTS, **{k: v for k, v in environ.items()}, **file_values}
    for name, default in DEFAULTS.items():  # an empty value in the environment means "default"
        env[name] = (env.get(name) or default).strip()
    problems: List[str] = []
    for name in DATABASES:
        url = (env.get(name) or "").strip()
        if not url.startswith(("postgresql://", "postgres://", "postgresql+")):
            problems.append(f"{name} must be a PostgreSQL URL (postgresql://user@host/db), not {url!r}")
    if env.get("DATABASE_URL") and env.get("DATABASE_URL") == env.get("TRACKER_STORE_URL"):
        problems.append("DATABASE_URL and TRACKER_STORE_URL must be two databases")
    for name in SECRETS:
        value = (env.get(name) or "").strip()
        if not value or value in DEVELOPMENT_VALUES:
            problems.append(f"{name} is not set (or is the development value): run 'deploy/prod.py init'")
    for name in PORTS:
        if not env[name].isdigit() or not 0 < int(env[name]) < 65536:
            problems.append(f"{name} must be a port number, not {env[name]!r}")
    if len({env[name] for name in PORTS if name != "REDIS_PORT"}) != len(PORTS) - 1:
        problems.append("the ports of the processes must all differ")
    try:  # the backend reads the same variable for frame-ancestors: one check for both
        origins = parse_origins(env["WEGWIJZER_WIDGET_ORIGINS"])
    except ValueError as error:
        problems.append(str(error))
        origins = ()
    if bool(env["WEGWIJZER_TLS_CERT"]) != bool(env["WEGWIJZER_TLS_KEY"]):
        problems.append("set both WEGWIJZER_TLS_CERT and WEGWIJZER_TLS_KEY, or neither")
    chosen = tuple(env["WEGWIJZER_PROGRAMS"].split()) or PROGRAMS
    problems.extend(f"WEGWIJZER_PROGRAMS: no program {name!r} (one of {', '.join(PROGRAMS)})"
                    for name in chosen if name not in PROGRAMS)
    servers = {}
    for kind, local in (("RASA", ("RASA1_PORT", "RASA2_PORT")),
                        ("ACTION", ("ACTIONS1_PORT", "ACTIONS2_PORT")), ("BACKEND", ("BACKEND_PORT",))):
        name = f"WEGWIJZER_{kind}_SERVERS"
        listed = tuple(env[name].split()) or tuple(f"127.0.0.1:{env[port]}" for port in local)
        for server in listed:
            host, _, port = server.rpartition(":")
            if not host or not port.isdigit():
                problems.append(f"{name}: {server!r} is not host:port")
        servers[kind] = listed
    nginx = env["NGINX"] or shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not nginx and "nginx" in chosen:
        problems.append("nginx is not installed: apt-get install nginx-light (or set NGINX)")
    if problems:
        raise SettingsError(problems)
    settings = ProdSettings(
        env=env, nginx=nginx, widget_origins=origins, programs=chosen,
        rasa_servers=servers["RASA"], action_servers=servers["ACTION"],
        backend_servers=servers["BACKEND"],
    )
    internal = env["WEGWIJZER_INTERNAL_URL"] or f"http://127.0.0.1:{env['WEGWIJZER_INTERNAL_PORT']}"
    env.update(
        BACKEND_URL=f"http://{settings.backend_servers[0]}",
        ACTION_ENDPOINT_URL=f"{internal}/webhook",
        WEGWIJZER_RASA_URL=internal,
        RASA_TELEMETRY_ENABLED="false",
        # Library deprecation warnings at start-up say nothing to someone running the service.
        PYTHONWARNINGS=env.get("PYTHONWARNINGS") or "ignore",
        # The backend listens on this machine only unless another address is given for nginx.
        BACKEND_HOST="127.0.0.1" if settings.backend_servers[0].startswith("127.") else "0.0.0.0",
        WEGWIJZER_WIDGET_ORIGINS=" ".join(origins),  # as the backend normalised them
    )
    # Sanic closes idle keep-alive connections after 5 s; Rasa's client and nginx reuse them
    # longer (nginx's upstream keep-alive is 60 s): see the Procfile.
    env.setdefault("SANIC_KEEP_ALIVE_TIMEOUT", "120")
    # The action servers (rasa-sdk listens on every interface by default): on this machine
    # only, unless nginx on another machine reaches them (the multi-machine layout).
    local_actions = all(server.startswith("127.") for server in settings.action_servers)
    env.setdefault("SANIC_HOST", "127.0.0.1" if local_actions else "0.0.0.0")
    # The action servers answer only Rasa's calls, which carry this secret
    # (bot/actions_serve.py, bot/endpoints.prod.yml). On one machine a fresh one each start;
    # over several machines every one needs the same, from the settings file.
    if not env.get(ACTIONS_SECRET, "").strip():
        if not local_actions or set(chosen) != set(PROGRAMS):
            raise SettingsError([f"{ACTIONS_SECRET} must be set, the same on every machine, "
                                 "when the programs run on several machines"])
        env[ACTIONS_SECRET] = secrets.token_urlsafe(32)
    # nginx on this machine is the proxy whose X-Forwarded-For the backend believes.
    env.setdefault("WEGWIJZER_TRUSTED_PROXIES", "127.0.0.1 ::1")
    env.setdefault("WEGWIJZER_PUBLIC_URL", settings.public_url)
    env.setdefault("WEGWIJZER_RASA_PUBLIC_URL", settings.public_url)
    env.setdefault("WEGWIJZER_OUTBOX_URL", f"sqlite:///{settings.directory / 'outbox.db'}")
    if settings.public_url.startswith("https://"):
        env.setdefault("WEGWIJZER_COOKIE_SECURE", "1")
    return settings


def origin_pattern(origin: str) -> str:
    """An origin as a regular expression: ``https://*.school.nl`` (every subdomain, as CSP
    reads it) → ``^https://[a-z0-9-]+\\.school\\.nl$``; an exact origin matches only itself."""
    scheme, host = origin.split("://", 1)
    wildcard = host.startswith("*.")
    subdomain = r"[a-z0-9-]+\." if wildcard else ""
    return f"^{scheme}://{subdomain}{re.escape(host[2:] if wildcard else host)}$"


def _render(template: Path, **context) -> str:
    import jinja2

    return jinja2.Template(template.read_text(), undefined=jinja2.StrictUndefined).render(**context)


def render_nginx(settings: ProdSettings) -> str:
    env = settings.env
    return _render(
        NGINX_TEMPLATE,
        public_listen=env["WEGWIJZER_PUBLIC_LISTEN"],
        internal_port=settings.port("WEGWIJZER_INTERNAL_PORT"),
        rasa_servers=settings.rasa_servers,
        action_servers=settings.action_servers,
        backend_servers=settings.backend_servers,
        # nginx's map takes a quoted "~*regex" (case-insensitive) per origin.
        origin_patterns=[origin_pattern(origin) for origin in settings.widget_origins],
        chat_rate=int(env["WEGWIJZER_CHAT_RATE"]),
        chat_burst=int(env["WEGWIJZER_CHAT_BURST"]),
        chat_max_body=env["WEGWIJZER_CHAT_MAX_BODY"],
        fail_timeout=int(env["WEGWIJZER_FAIL_TIMEOUT"]),
        tls_cert=env["WEGWIJZER_TLS_CERT"],
        tls_key=env["WEGWIJZER_TLS_KEY"],
        user="nobody" if os.geteuid() == 0 else "",
    )


def programs(settings: ProdSettings) -> List[Tuple[str, str]]:
    """supervisord's programs: (name, command). No secret is on a command line: every one
    comes from the environment."""
    # The token reaches Rasa through the environment (bot/serve.py), never the command line.
    rasa = (
        f"{BIN}/python -m bot.serve run --enable-api --interface 127.0.0.1 "
        "--port {port} --model models/wegwijzer.tar.gz --endpoints bot/endpoints.prod.yml "
        "--credentials bot/credentials.yml --cors "
        # Rasa's CORS (sanic-cors) takes a string with regex characters as a regular expression;
        # quoted, so that supervisord's shell-like splitting keeps the backslashes.
        + " ".join(shlex.quote(origin_pattern(origin)) for origin in settings.widget_origins)
    )
    # rasa-sdk's server, refusing calls without the shared secret (bot/actions_serve.py).
    actions = f"{BIN}/python -m bot.actions_serve --actions actions --port {{port}}"
    every = [
        ("backend", f"{BIN}/python -m backend"),
        ("rasa1", rasa.format(port=settings.port("RASA1_PORT"))),
        ("rasa2", rasa.format(port=settings.port("RASA2_PORT"))),
        ("actions1", actions.format(port=settings.port("ACTIONS1_PORT"))),
        ("actions2", actions.format(port=settings.port("ACTIONS2_PORT"))),
        ("transcripts", f"{BIN}/wegwijzer transcripts run"),
        ("outbox", f"{BIN}/wegwijzer outbox run"),
        ("nginx", f'{settings.nginx} -p {settings.prefix} -c nginx.conf -e stderr -g "daemon off;"'),
    ]
    return [(name, command) for name, command in every if name in settings.programs]


def write_supervisor_config(settings: ProdSettings) -> Path:
    path = settings.directory / "supervisord.conf"
    path.write_text(_render(
        SUPERVISOR_TEMPLATE, prefix=settings.directory, repo=REPO, programs=programs(settings)))
    return path


def write_nginx_config(settings: ProdSettings) -> Path:
    """Renders the configuration into its prefix and lets nginx check it."""
    prefix = settings.prefix
    for sub in ("logs", "tmp/body", "tmp/proxy", "tmp/fastcgi", "tmp/uwsgi", "tmp/scgi"):
        (prefix / sub).mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:  # the workers run as nobody and buffer request bodies here
            shutil.chown(prefix / sub, user="nobody")
    path = prefix / "nginx.conf"
    path.write_text(render_nginx(settings))
    check = subprocess.run(
        [settings.nginx, "-p", str(prefix), "-c", "nginx.conf", "-e", "stderr", "-t"],
        capture_output=True, text=True,
    )
    if check.returncode != 0:
        raise SettingsError([f"nginx refuses {path}: {check.stderr.strip()}"])
    return path


def ensure_database(url: str) -> None:
    """Creates the database of ``url`` when it is missing and the server lets us."""
    import sqlalchemy as sa
    from sqlalchemy.engine import make_url

    target = make_url(url).set(drivername="postgresql+psycopg2")
    engine = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            exists = connection.execute(
                sa.text("SELECT 1 FROM pg_database WHERE datname = :name"),
                {"name": target.database},
            ).scalar()
            if not exists:
                connection.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    except sa.exc.OperationalError as error:
        raise SettingsError([f"PostgreSQL cannot be reached for {target.database}: {error.orig}"])
    finally:
        engine.dispose()


def create_tracker_tables(url: str) -> None:
    """Rasa's SQL tracker store creates its tables at start: once here, not by two at once."""
    from rasa.core.tracker_store import SQLTrackerStore

    SQLTrackerStore(domain=None, host=url).engine.dispose()


def init_env_file(path: Path) -> bool:
    """Writes a settings file with fresh secrets and local PostgreSQL URLs; keeps an existing one."""
    if path.exists():
        return False
    from shared.crypto import generate_key
    from backend.documents.verification import generate_private_key

    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [
        "# Settings of the production profile (deploy/prod.py); secrets: keep this file private.",
        "DATABASE_URL=postgresql://postgres@127.0.0.1:5432/wegwijzer",
        "TRACKER_STORE_URL=postgresql://postgres@127.0.0.1:5432/wegwijzer_gesprekken",
        f"RASA_AUTH_TOKEN={secrets.token_urlsafe(32)}",
        f"WEGWIJZER_SERVICE_TOKEN={secrets.token_urlsafe(32)}",
        f"WEGWIJZER_SECRET_KEY={generate_key()}",
        f"WEGWIJZER_DATA_KEYS={generate_key()}",
        f"WEGWIJZER_SIGNING_KEY={generate_private_key()}",
        f"WEGWIJZER_CODE_KEY={secrets.token_urlsafe(32)}",  # records: receipt code hashes
        f"{ACTIONS_SECRET}={secrets.token_urlsafe(32)}",  # Rasa → action servers
        *(f"# {name}={value}" for name, value in DEFAULTS.items()),
    ]
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write("\n".join(lines) + "\n")
    return True


def setup_backend(settings: ProdSettings, demo_account: Optional[str]) -> None:
    """Migrations; with ``demo_account`` (an e-mail address) also the demo school and that
    contact person, with a fresh random password printed here once. Production never gets
    the development demo login with its published password."""
    env = dict(settings.env)
    env.pop("WEGWIJZER_DEMO_PASSWORD", None)
    setup = [str(BIN / "wegwijzer"), "setup"]
    password = None
    if demo_account:
        password = secrets.token_urlsafe(15)
        setup.append("--demo")
        env.update(WEGWIJZER_DEMO_EMAIL=demo_account, WEGWIJZER_DEMO_PASSWORD=password)
    result = subprocess.run(setup, env=env, cwd=REPO, check=True, capture_output=True, text=True)
    sys.stdout.write(result.stdout)
    if password and "aangemaakt" in result.stdout:
        print(f"Demo account {demo_account}, password (shown only now): {password}")


def prepare(settings: ProdSettings, demo_account: Optional[str]) -> None:
    """What must be there before the programs start; each machine does its own part."""
    settings.directory.mkdir(parents=True, exist_ok=True)
    if "backend" in settings.programs:
        ensure_database(settings.env["DATABASE_URL"])
        setup_backend(settings, demo_account)
    if {"rasa1", "rasa2", "transcripts"} & set(settings.programs):
        ensure_database(settings.env["TRACKER_STORE_URL"])
        create_tracker_tables(settings.env["TRACKER_STORE_URL"])
    if "nginx" in settings.programs:
        write_nginx_config(settings)
    write_supervisor_config(settings)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else "run"
    if "--demo" in args:
        print("--demo is for development: ask for a demo account by name with "
              "--demo-account EMAIL (it gets a fresh password, printed once)", file=sys.stderr)
        return 2
    demo_account = None
    if "--demo-account" in args:
        at = args.index("--demo-account")
        if at + 1 >= len(args) or "@" not in args[at + 1]:
            print("--demo-account needs an e-mail address", file=sys.stderr)
            return 2
        demo_account = args[at + 1]
        del args[at:at + 2]
    env_file = Path(args[0]) if args else DEFAULT_ENV_FILE
    if command == "init":
        created = init_env_file(env_file)
        print(f"{env_file}: {'written, with fresh secrets' if created else 'exists, kept'}")
        return 0
    if command not in ("check", "run"):
        print(__doc__, file=sys.stderr)
        return 2
    try:
        settings = settings_from(os.environ, read_env_file(env_file))
        if command == "check":
            write_nginx_config(settings)
            print(f"settings and nginx configuration are fine; public address {settings.public_url}")
            return 0
        prepare(settings, demo_account)
    except SettingsError as error:
        print("The production profile cannot start:", *error.problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"Wegwijzer (production profile) on {settings.public_url}; Ctrl-C stops every process.")
    sys.stdout.flush()
    supervisord = str(BIN / "supervisord")
    os.chdir(REPO)
    config = str(settings.directory / "supervisord.conf")
    os.execve(supervisord, [supervisord, "-c", config], settings.env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
