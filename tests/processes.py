"""Real processes for the fault tests: gunicorn serving the portal, a Redis and a PostgreSQL of their own."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = (
    next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)
    if Path("/usr/lib/postgresql").exists()
    else None
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def portal_env(tmp, **extra):
    """The environment of a production-like portal process (DEBUG off), without the suite's database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "REDIS"))}
    env.update(
        DEBUG="0",
        SECRET_KEY="fault-tests-only",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_COOKIES="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(tmp / "static"),
        MEDIA_ROOT=str(tmp / "media"),
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env, *args, check=True, timeout=300):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=check, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip


def get(url, timeout=10):
    """GET a URL; return (status, body text). Network failures count as status 0."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")
    except OSError:
        return 0, ""


class Gunicorn:
    """The portal under gunicorn, in production mode, on a free port; logs in `tmp/<name>.log`."""

    def __init__(self, env, tmp, name="gunicorn", workers=2):
        self.env, self.tmp, self.name, self.workers = env, tmp, name, workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / f"{name}.log"

    def __enter__(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "parindex.wsgi", "--bind", f"127.0.0.1:{self.port}",
             "--workers", str(self.workers), "--timeout", "60", "--error-logfile", str(self.log),
             "--capture-output", "--access-logfile", "/dev/null", "--no-control-socket"],
            cwd=ROOT, env=self.env,
        )  # fmt: skip
        for _ in range(150):
            if get(self.url + "/robots.txt", timeout=1)[0] == 200:
                return self
            time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"gunicorn did not start:\n{self.log.read_text() if self.log.exists() else ''}")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()

    def get(self, path, timeout=10):
        return get(self.url + path, timeout=timeout)

    def logs(self):
        return self.log.read_text() if self.log.exists() else ""


class PrivateRedis:
    """A Redis server of the test's own, on a free port, that the test may stop and start again."""

    def __init__(self, tmp):
        self.tmp, self.port = tmp, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.tmp)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", self.port)) == 0:
                    return self
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self.process = None

    def pause(self):
        """Freeze the server (SIGSTOP): connections hang, as with a Redis that stopped answering."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        """Let it run again (SIGCONT), with all the data it held."""
        self.process.send_signal(signal.SIGCONT)

    def keys(self):
        import redis

        return redis.Redis.from_url(self.url).keys("*")


class PrivatePostgres:
    """A PostgreSQL cluster of the test's own (initdb in a temporary folder), run as the postgres user."""

    def __init__(self, tmp=None):
        # Not under pytest's own temporary folder: the postgres user may not enter it.
        base = Path(tempfile.mkdtemp(prefix="parindex-pg-"))
        self.dir = base / "pgdata"
        self.sockets = base / "pgsock"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/parindex"

    @staticmethod
    def available():
        return PG_BIN is not None and shutil.which("runuser") is not None and os.geteuid() == 0

    def _as_postgres(self, *args, check=True):
        return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=check, capture_output=True, text=True)

    def init(self):
        for path in (self.dir.parent, self.sockets):
            path.mkdir(parents=True, exist_ok=True)
            shutil.chown(path, "postgres", "postgres")
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.dir), "-A", "trust", "-U", "postgres", "--no-sync")
        self.start()
        self._as_postgres(
            str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "parindex"
        )
        return self

    def _ctl(self, action, *extra):
        options = f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
        return self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.dir), "-o", options, "-w", "-t", "60", action,
                                 *extra)  # fmt: skip

    def start(self):
        self._ctl("start", "-l", str(self.dir.parent / "postgres.log"))

    def stop(self):
        self._ctl("stop", "-m", "fast")

    def destroy(self):
        if (self.dir / "postmaster.pid").exists():
            self._ctl("stop", "-m", "immediate")
        shutil.rmtree(self.dir.parent, ignore_errors=True)


def fresh_database_url(tmp, name):
    """A new, empty database for a portal process: a SQLite file, or on the suite's PostgreSQL server."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres", "pgsql")):
        return f"sqlite:///{Path(tmp) / (name + '.sqlite3')}"
    from urllib.parse import urlparse

    import psycopg2

    parts = urlparse(url)
    conn = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()
    return parts._replace(path=f"/{name}").geturl()
