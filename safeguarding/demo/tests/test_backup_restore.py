"""`safeguarding backup` and `safeguarding restore`: a backup of the demo partnership restores
into a fresh database with every table's row count and the audit log's checksum intact.

On SQLite the fresh database is a second SQLite file; on PostgreSQL (DATABASE_URL) a second
database created and dropped by the test on the same server.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from conftest import restore_shipped_themes
from safeguarding.core.backup import (
    BackupError,
    database_facts,
    is_empty,
    require_tool,
    restore_archive,
)
from safeguarding.core.models import AuditEvent
from safeguarding.demo.loader import load_demo

PAPER = b"%PDF-1.4 fictional minutes of the Essex partnership board\n"


def _default() -> dict:
    return connections["default"].settings_dict


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    paper = settings.MEDIA_ROOT / "governance" / "papers" / "board-minutes.pdf"
    paper.parent.mkdir(parents=True)
    paper.write_bytes(PAPER)
    return settings.MEDIA_ROOT


@pytest.fixture
def empty_database(tmp_path):
    """A fresh, empty database of the same kind as the test database (a settings dict)."""
    default = _default()
    if connections["default"].vendor == "sqlite":
        yield {**default, "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    name = f"restore_test_{uuid.uuid4().hex[:10]}"
    params = {
        "host": default.get("HOST") or None,
        "port": default.get("PORT") or None,
        "user": default.get("USER") or None,
        "password": default.get("PASSWORD") or None,
    }
    params = {k: v for k, v in params.items() if v}
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {**default, "NAME": name}
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _database_url(database: dict) -> str:
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    user = quote(database.get("USER") or "")
    password = database.get("PASSWORD")
    credentials = f"{user}:{quote(password)}" if password else user
    host = database.get("HOST") or "127.0.0.1"
    port = database.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{database['NAME']}"


def _run_cli(*args: str, database: dict, data_dir: Path) -> subprocess.CompletedProcess:
    """Run the `safeguarding` command as an operator would, against ``database``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "safeguarding.config.settings.local",
        "DATABASE_URL": _database_url(database),
        "SAFEGUARDING_DATA_DIR": str(data_dir),
    }
    command = Path(sys.executable).parent / "safeguarding"
    return subprocess.run(  # noqa: S603 - the project's own command
        [str(command), *args], env=env, capture_output=True, text=True, check=False, timeout=300
    )


def _rewrite(archive: Path, out: Path, *, member=None, data=None, manifest=None, fix=False):
    """Copy an archive, replacing one member's bytes and/or editing the manifest."""
    with tarfile.open(archive) as tar:
        contents = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    loaded = json.loads(contents["manifest.json"])
    if member is not None:
        contents[member] = data
        if fix:
            import hashlib

            loaded["files"][member] = {
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
            }
    if manifest is not None:
        manifest(loaded)
    contents["manifest.json"] = json.dumps(loaded).encode()
    with tarfile.open(out, "w:gz") as tar:
        for name, body in contents.items():
            info = tarfile.TarInfo(name)
            info.size = len(body)
            tar.addfile(info, io.BytesIO(body))
    return out


def _dump_name() -> str:
    return "database.sqlite3" if connections["default"].vendor == "sqlite" else "database.pgdump"


def test_demo_backup_restores_into_a_fresh_database_with_every_count_and_the_audit_log(
    transactional_db, media, empty_database, tmp_path
):
    restore_shipped_themes()  # an earlier transactional test may have flushed them
    load_demo(password="demo password for backup tests")
    assert AuditEvent.objects.exists()
    archive = tmp_path / "backup.tar.gz"
    out = io.StringIO()
    call_command("backup", output=str(archive), stdout=out)
    assert f"Backup written to {archive}" in out.getvalue()
    assert oct(archive.stat().st_mode & 0o777) == "0o600"

    data_dir = tmp_path / "restored-data"
    result = _run_cli("restore", str(archive), database=empty_database, data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Restore verified" in result.stdout
    assert "uploaded files restored" in result.stdout

    # Independently of the command's own check: every table and the audit log match.
    before, after = database_facts(_default()), database_facts(empty_database)
    assert after.tables == before.tables
    assert after.tables["accounts_user"] > 0
    assert after.audit_rows == AuditEvent.objects.count()
    assert after.audit_sha256 == before.audit_sha256
    restored_paper = data_dir / "media" / "governance" / "papers" / "board-minutes.pdf"
    assert restored_paper.read_bytes() == PAPER

    # A second restore into the now full database is refused.
    again = _run_cli("restore", str(archive), database=empty_database, data_dir=tmp_path / "x")
    assert again.returncode != 0
    assert "is not empty" in again.stderr


def test_restore_refuses_a_database_that_is_not_empty(db, media, tmp_path, django_user_model):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    tables_before = database_facts(_default()).tables
    with pytest.raises(CommandError) as refused:
        call_command("restore", str(archive), stdout=io.StringIO())
    message = str(refused.value)
    assert "is not empty" in message
    assert "Restore only into a new, empty database" in message
    assert database_facts(_default()).tables == tables_before


def test_backup_refuses_to_overwrite_an_archive(db, media, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    archive.write_bytes(b"yesterday's backup")
    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", output=str(archive), stdout=io.StringIO())
    assert archive.read_bytes() == b"yesterday's backup"


@pytest.mark.parametrize("damage", ["flipped byte in the database", "truncated file"])
def test_a_corrupted_archive_is_refused_before_any_change(
    db, media, empty_database, tmp_path, damage
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    if damage == "truncated file":
        body = archive.read_bytes()
        damaged = tmp_path / "damaged.tar.gz"
        damaged.write_bytes(body[: len(body) // 2])
        expected = "is not a complete backup archive"
    else:
        with tarfile.open(archive) as tar:
            dump = bytearray(tar.extractfile(_dump_name()).read())
        dump[len(dump) // 2] ^= 0xFF
        damaged = _rewrite(
            archive, tmp_path / "damaged.tar.gz", member=_dump_name(), data=bytes(dump)
        )
        expected = f"{_dump_name()}: its checksum does not match the manifest"
    media_root = tmp_path / "restored-media"
    with pytest.raises(BackupError) as refused:
        restore_archive(archive=damaged, database=empty_database, media_root=media_root)
    assert expected in str(refused.value)
    assert is_empty(empty_database) == (True, [])
    assert not media_root.exists()


def test_a_failing_restore_says_so_and_leaves_the_database_empty(
    db, media, empty_database, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    # A dump that matches its (rewritten) checksum but that no database tool can read.
    broken = _rewrite(
        archive,
        tmp_path / "broken.tar.gz",
        member=_dump_name(),
        data=b"not a database dump at all" * 100,
        fix=True,
    )
    with pytest.raises(BackupError) as failed:
        restore_archive(archive=broken, database=empty_database, media_root=tmp_path / "m")
    assert str(failed.value).startswith("The restore failed")
    assert is_empty(empty_database) == (True, [])


def test_restore_reports_exactly_what_differs_from_the_manifest(
    db, media, empty_database, tmp_path
):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    def claim_more(manifest):
        manifest["tables"]["accounts_partnership"] += 2
        manifest["audit_log"]["sha256"] = "0" * 64

    tampered = _rewrite(archive, tmp_path / "tampered.tar.gz", manifest=claim_more)
    result = _run_cli("restore", str(tampered), database=empty_database, data_dir=tmp_path / "d")
    assert result.returncode != 0
    assert "does NOT match the backup" in result.stderr
    assert "table accounts_partnership: " in result.stderr
    assert "rows in the backup" in result.stderr
    assert "audit log: checksum differs" in result.stderr
    assert "table accounts_user" not in result.stderr


def test_a_missing_database_tool_is_named(monkeypatch):
    monkeypatch.setenv("PATH", "")
    with pytest.raises(BackupError, match="pg_restore was not found on PATH"):
        require_tool("pg_restore")
