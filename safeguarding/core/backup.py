"""Backups that can be proved to restore: one archive with the database, uploaded files and
a manifest (ADR 0015).

The archive is a gzip-compressed tar file holding:

- ``manifest.json``: the date, versions, every table's row count, a checksum of the audit
  log, and the SHA-256 and size of every other member;
- ``database.sqlite3`` (SQLite's online backup API) or ``database.pgdump`` (``pg_dump
  --format=custom``);
- ``media/...``: every uploaded file under ``MEDIA_ROOT``.

The row counts and the audit-log checksum are read from the very copy that is archived: on
SQLite from the copied file, on PostgreSQL in the exported snapshot ``pg_dump`` dumps.

``restore_archive`` checks the archive completely (manifest, every member's checksum) before it
touches anything, restores only into an empty database and an empty ``MEDIA_ROOT``, and then
compares every table's row count and the audit-log checksum with the manifest.

Both functions take a database's settings (a ``DATABASES`` entry) and open their own
connections, so a restore can target a database Django is not connected to.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

import django

FORMAT = "safeguarding-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
AUDIT_TABLE = "core_auditevent"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead or did not succeed; the message says why."""


@dataclass
class DatabaseFacts:
    tables: dict[str, int]
    audit_rows: int
    audit_sha256: str
    migrations: dict[str, str] = field(default_factory=dict)


@dataclass
class RestoreReport:
    tables: int
    rows: int
    audit_rows: int
    files: int
    differences: list[str]

    @property
    def ok(self) -> bool:
        return not self.differences


# Databases -------------------------------------------------------------------------------


def vendor_of(database: dict) -> str:
    engine = database["ENGINE"]
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise BackupError(f"Backups support SQLite and PostgreSQL, not {engine}.")


def _pg_params(database: dict) -> dict[str, Any]:
    params = {
        "dbname": database["NAME"],
        "host": database.get("HOST") or None,
        "port": str(database.get("PORT") or "") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
    }
    return {key: value for key, value in params.items() if value}


def _pg_tool_env(database: dict) -> tuple[list[str], dict[str, str]]:
    """Connection arguments for pg_dump/pg_restore; the password goes in the environment."""
    params = _pg_params(database)
    args = [f"--dbname={params['dbname']}"]
    for key in ("host", "port", "username"):
        value = params.get("user" if key == "username" else key)
        if value:
            args.append(f"--{key}={value}")
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = params["password"]
    return args, env


def _pg_connect(database: dict):
    import psycopg

    try:
        return psycopg.connect(**_pg_params(database), autocommit=True)
    except psycopg.OperationalError as error:
        raise BackupError(f"Cannot connect to the database {database['NAME']!r}: {error}") from None


def require_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools of the same "
            f"major version as the server or newer (Debian: apt-get install postgresql-client) "
            f"and run the command again."
        )
    return path


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _tables(cursor, vendor: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    return sorted(row[0] for row in cursor.fetchall())


def _columns(cursor, vendor: str, table: str) -> list[str]:
    if vendor == "sqlite":
        cursor.execute(f"PRAGMA table_info({_quote(table)})")
        return [row[1] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    return [row[0] for row in cursor.fetchall()]


def _facts(cursor, vendor: str) -> DatabaseFacts:
    """Every table's row count and a checksum of the audit log, read through one cursor."""
    tables = _tables(cursor, vendor)
    counts = {}
    for table in tables:
        # Names from the database's own catalogue, quoted as identifiers.
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    digest = hashlib.sha256()
    audit_rows = 0
    if AUDIT_TABLE in counts:
        columns = _columns(cursor, vendor, AUDIT_TABLE)
        # Every value as text, so the checksum does not depend on the driver's types.
        select = ", ".join(f"CAST({_quote(c)} AS TEXT)" for c in columns)
        order = _quote("id")
        cursor.execute(f"SELECT {select} FROM {_quote(AUDIT_TABLE)} ORDER BY {order}")  # noqa: S608
        digest.update(json.dumps(columns).encode())
        for row in cursor.fetchall():
            digest.update(b"\n" + json.dumps(list(row)).encode())
            audit_rows += 1
    migrations = {}
    if "django_migrations" in counts:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        for app, name in cursor.fetchall():
            migrations[app] = name
    return DatabaseFacts(counts, audit_rows, digest.hexdigest(), migrations)


def sqlite_facts(path: Path) -> DatabaseFacts:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _facts(connection.cursor(), "sqlite")
    finally:
        connection.close()


def database_facts(database: dict) -> DatabaseFacts:
    vendor = vendor_of(database)
    if vendor == "sqlite":
        return sqlite_facts(Path(database["NAME"]))
    with _pg_connect(database) as connection, connection.cursor() as cursor:
        cursor.execute("SET TIME ZONE 'UTC'")
        return _facts(cursor, vendor)


def is_empty(database: dict) -> tuple[bool, list[str]]:
    """Whether a database holds no tables at all (never migrated), with the tables it has."""
    vendor = vendor_of(database)
    if vendor == "sqlite":
        path = Path(database["NAME"])
        if str(path) == ":memory:" or not path.exists() or path.stat().st_size == 0:
            return True, []
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            cursor = connection.cursor()
            cursor.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")
            names = sorted(row[0] for row in cursor.fetchall())
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a readable SQLite database: {error}") from None
        finally:
            connection.close()
        return not names, names
    with _pg_connect(database) as connection, connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S') "
            "ORDER BY c.relname"
        )
        names = [row[0] for row in cursor.fetchall()]
    return not names, names


# Files -----------------------------------------------------------------------------------


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.exists():
        return []
    return sorted(
        path for path in media_root.rglob("*") if path.is_file() and not path.is_symlink()
    )


def _versions(vendor: str, database: dict) -> dict[str, str]:
    try:
        platform_version = metadata.version("safeguarding-partnership-platform")
    except metadata.PackageNotFoundError:  # pragma: no cover - always installed
        platform_version = "unknown"
    versions = {
        "platform": platform_version,
        "django": django.get_version(),
        "python": platform.python_version(),
    }
    if vendor == "sqlite":
        versions["sqlite"] = sqlite3.sqlite_version
    else:
        with _pg_connect(database) as connection:
            versions["postgresql"] = connection.execute("SHOW server_version").fetchone()[0]
        versions["pg_dump"] = _tool_version("pg_dump")
    return versions


def _tool_version(tool: str) -> str:
    result = subprocess.run(  # noqa: S603 - an argument list, no shell
        [require_tool(tool), "--version"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip()


# Backup ----------------------------------------------------------------------------------


def _sqlite_copy(database: dict, destination: Path) -> DatabaseFacts:
    source_path = Path(database["NAME"])
    if not source_path.exists():
        raise BackupError(f"The SQLite database {source_path} does not exist.")
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return sqlite_facts(destination)


def _pg_dump(database: dict, destination: Path) -> DatabaseFacts:
    pg_dump = require_tool("pg_dump")
    args, env = _pg_tool_env(database)
    with _pg_connect(database) as connection:
        # The counts and checksum come from the snapshot that pg_dump dumps.
        connection.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        connection.execute("SET TIME ZONE 'UTC'")
        snapshot = connection.execute("SELECT pg_export_snapshot()").fetchone()[0]
        with connection.cursor() as cursor:
            facts = _facts(cursor, "postgresql")
        result = subprocess.run(  # noqa: S603 - an argument list, no shell
            [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={destination}"] + args,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        connection.execute("COMMIT")
    if result.returncode != 0:
        raise BackupError(f"pg_dump failed: {result.stderr.strip() or result.returncode}")
    return facts


def create_backup(*, database: dict, media_root: Path, output: Path) -> dict:
    """Write one archive of the database and the uploaded files; return its manifest."""
    vendor = vendor_of(database)
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} already exists. Choose a new file name for each backup.")
    if not output.parent.is_dir():
        raise BackupError(f"The folder {output.parent} does not exist.")
    dump_name = DUMP_NAMES[vendor]
    partial = output.with_name(output.name + ".partial")
    with tempfile.TemporaryDirectory(prefix="safeguarding-backup-") as work:
        dump_path = Path(work) / dump_name
        facts = (
            _sqlite_copy(database, dump_path)
            if vendor == "sqlite"
            else _pg_dump(database, dump_path)
        )
        members: list[tuple[str, Path]] = [(dump_name, dump_path)]
        media_root = Path(media_root)
        for path in _media_files(media_root):
            members.append((MEDIA_PREFIX + path.relative_to(media_root).as_posix(), path))
        files = {
            name: {"sha256": _sha256_file(path), "size": path.stat().st_size}
            for name, path in members
        }
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": {"vendor": vendor, "dump": dump_name},
            "versions": _versions(vendor, database),
            "migrations": facts.migrations,
            "tables": facts.tables,
            "audit_log": {
                "table": AUDIT_TABLE,
                "rows": facts.audit_rows,
                "sha256": facts.audit_sha256,
            },
            "files": files,
        }
        try:
            descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as tar:
                body = json.dumps(manifest, indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size = len(body)
                info.mode = 0o600
                tar.addfile(info, io.BytesIO(body))
                for name, path in members:
                    info = tar.gettarinfo(str(path), arcname=name)
                    info.uid = info.gid = 0
                    info.uname = info.gname = ""
                    with path.open("rb") as handle:
                        tar.addfile(info, handle)
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


# Restore ---------------------------------------------------------------------------------


def _safe_member_name(name: str) -> bool:
    path = PurePosixPath(name)
    return bool(name) and not path.is_absolute() and ".." not in path.parts and "\\" not in name


def read_verified_archive(archive: Path, workdir: Path) -> dict:
    """Check the archive completely and unpack it into ``workdir``; return its manifest.

    Refuses (BackupError) an archive that cannot be read, has no valid manifest, lacks a member
    the manifest lists, holds one it does not list, or whose member differs from its checksum.
    """
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist or is not a file.")
    corrupt = f"{archive} is not a complete backup archive"
    try:
        with tarfile.open(archive, mode="r:*") as tar:
            members = tar.getmembers()
            names = [member.name for member in members]
            if MANIFEST not in names:
                raise BackupError(f"{corrupt}: it has no {MANIFEST}.")
            manifest_file = tar.extractfile(tar.getmember(MANIFEST))
            if manifest_file is None:
                raise BackupError(f"{corrupt}: its {MANIFEST} is not a file.")
            try:
                manifest = json.loads(manifest_file.read())
            except ValueError:
                raise BackupError(f"{corrupt}: its {MANIFEST} is not valid JSON.") from None
            _check_manifest(manifest, corrupt)
            expected = manifest["files"]
            problems = []
            for member in members:
                if member.name == MANIFEST:
                    continue
                if not member.isfile() or not _safe_member_name(member.name):
                    problems.append(f"{member.name}: not a plain file inside the archive")
                    continue
                if member.name not in expected:
                    problems.append(f"{member.name}: not listed in the manifest")
                    continue
                target = workdir / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                size = 0
                extracted = tar.extractfile(member)
                if extracted is None:  # isfile() was checked above
                    raise BackupError(f"{corrupt}: {member.name} cannot be read.")
                with extracted as source, target.open("wb") as handle:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        handle.write(chunk)
                if (
                    digest.hexdigest() != expected[member.name]["sha256"]
                    or size != expected[member.name]["size"]
                ):
                    problems.append(f"{member.name}: its checksum does not match the manifest")
            for name in sorted(set(expected) - set(names)):
                problems.append(f"{name}: listed in the manifest but missing")
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{corrupt}: {error}.") from None
    if problems:
        raise BackupError(
            f"{corrupt}; nothing was restored:\n" + "\n".join(f"- {p}" for p in problems)
        )
    return manifest


def _check_manifest(manifest: Any, corrupt: str) -> None:
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{corrupt}: its manifest is not a Safeguarding backup manifest.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{corrupt}: manifest format {manifest.get('format_version')!r} is not supported "
            f"by this version (it reads format {FORMAT_VERSION})."
        )
    needed = {"database", "tables", "audit_log", "files"}
    if not needed <= set(manifest) or manifest["database"].get("dump") not in manifest["files"]:
        raise BackupError(f"{corrupt}: its manifest lacks {', '.join(sorted(needed))}.")


def _restore_sqlite(dump: Path, database: dict) -> None:
    target_path = Path(database["NAME"])
    existed = target_path.exists()
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    target = sqlite3.connect(target_path)
    try:
        source.backup(target)
    except sqlite3.DatabaseError as error:
        target.close()
        if not existed:
            target_path.unlink(missing_ok=True)
        raise BackupError(
            f"The restore failed: SQLite could not copy the database ({error}). "
            f"{target_path} was left as it was before."
        ) from None
    finally:
        source.close()
        target.close()


def _restore_postgresql(dump: Path, database: dict) -> None:
    pg_restore = require_tool("pg_restore")
    args, env = _pg_tool_env(database)
    result = subprocess.run(  # noqa: S603 - an argument list, no shell
        [
            pg_restore,
            "--single-transaction",
            "--exit-on-error",
            "--no-owner",
            "--no-privileges",
        ]
        + args
        + [str(dump)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise BackupError(
            "The restore failed: pg_restore said:\n"
            + (result.stderr.strip() or f"exit status {result.returncode}")
            + f"\nIt ran in one transaction, so the database {database['NAME']!r} was left empty."
        )


def compare(manifest: dict, facts: DatabaseFacts) -> list[str]:
    differences = []
    expected = manifest["tables"]
    for table in sorted(set(expected) | set(facts.tables)):
        if table not in facts.tables:
            differences.append(f"table {table}: in the backup but not restored")
        elif table not in expected:
            differences.append(f"table {table}: restored but not in the backup")
        elif expected[table] != facts.tables[table]:
            differences.append(
                f"table {table}: {expected[table]} rows in the backup, "
                f"{facts.tables[table]} restored"
            )
    audit = manifest["audit_log"]
    if audit["sha256"] != facts.audit_sha256 or audit["rows"] != facts.audit_rows:
        differences.append(
            f"audit log: checksum differs ({audit['rows']} events in the backup, "
            f"{facts.audit_rows} restored)"
        )
    return differences


def restore_archive(*, archive: Path, database: dict, media_root: Path) -> RestoreReport:
    """Verify ``archive``, restore it into an empty database and MEDIA_ROOT, then compare."""
    vendor = vendor_of(database)
    media_root = Path(media_root)
    with tempfile.TemporaryDirectory(prefix="safeguarding-restore-") as work:
        workdir = Path(work)
        manifest = read_verified_archive(archive, workdir)
        archived = manifest["database"]["vendor"]
        if archived != vendor:
            raise BackupError(
                f"This archive holds a {archived} database; the target database is {vendor}. "
                f"Restore it into a {archived} database (set DATABASE_URL)."
            )
        empty, tables = is_empty(database)
        if not empty:
            shown = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            raise BackupError(
                f"The database {database['NAME']!r} is not empty ({len(tables)} tables, such "
                f"as {shown}). Restore only into a new, empty database: create one, point "
                f"DATABASE_URL at it and run the restore again (do not migrate it first)."
            )
        existing_media = _media_files(media_root)
        if existing_media:
            raise BackupError(
                f"The uploaded-files folder {media_root} is not empty ({len(existing_media)} "
                f"files). Restore into an empty folder: set SAFEGUARDING_DATA_DIR to a new data "
                f"directory, or move the files away, and run the restore again."
            )
        if vendor == "postgresql":
            require_tool("pg_restore")
        dump = workdir / manifest["database"]["dump"]
        if vendor == "sqlite":
            _restore_sqlite(dump, database)
        else:
            _restore_postgresql(dump, database)
        media = {
            name: entry
            for name, entry in manifest["files"].items()
            if name.startswith(MEDIA_PREFIX)
        }
        for name in sorted(media):
            target = media_root / name.removeprefix(MEDIA_PREFIX)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(workdir / name, target)
            with contextlib.suppress(OSError):
                target.chmod(0o640)
    facts = database_facts(database)
    differences = compare(manifest, facts)
    for name, entry in sorted(media.items()):
        restored = media_root / name.removeprefix(MEDIA_PREFIX)
        if not restored.is_file() or _sha256_file(restored) != entry["sha256"]:
            differences.append(f"file {name}: not restored as backed up")
    return RestoreReport(
        tables=len(facts.tables),
        rows=sum(facts.tables.values()),
        audit_rows=facts.audit_rows,
        files=len(media),
        differences=differences,
    )
