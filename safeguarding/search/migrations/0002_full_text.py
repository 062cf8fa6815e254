"""The full-text side of the search index, by database vendor.

PostgreSQL: a GIN index over the weighted vector (title A, body B, ``english``) — the same
expression the PostgreSQL backend queries, built by Django so the two never drift apart.
SQLite: an FTS5 table over title and body (Porter stemming), an external-content table kept in
step with ``search_searchdocument`` by triggers. Other vendors get neither.
"""

from django.db import migrations

FTS5_SQL = [
    "CREATE VIRTUAL TABLE search_document_fts USING fts5("
    "title, body, content='search_searchdocument', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER search_document_fts_insert AFTER INSERT ON search_searchdocument BEGIN "
    "INSERT INTO search_document_fts(rowid, title, body) VALUES (new.id, new.title, new.body); "
    "END",
    "CREATE TRIGGER search_document_fts_delete AFTER DELETE ON search_searchdocument BEGIN "
    "INSERT INTO search_document_fts(search_document_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); END",
    "CREATE TRIGGER search_document_fts_update AFTER UPDATE ON search_searchdocument BEGIN "
    "INSERT INTO search_document_fts(search_document_fts, rowid, title, body) "
    "VALUES ('delete', old.id, old.title, old.body); "
    "INSERT INTO search_document_fts(rowid, title, body) VALUES (new.id, new.title, new.body); "
    "END",
]
FTS5_DROP = [
    "DROP TRIGGER IF EXISTS search_document_fts_update",
    "DROP TRIGGER IF EXISTS search_document_fts_delete",
    "DROP TRIGGER IF EXISTS search_document_fts_insert",
    "DROP TABLE IF EXISTS search_document_fts",
]
GIN_NAME = "search_document_vector"


def gin_index():
    from django.contrib.postgres.indexes import GinIndex

    from safeguarding.search.backends import document_vector

    return GinIndex(document_vector(), name=GIN_NAME)


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in FTS5_SQL:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.add_index(apps.get_model("search", "SearchDocument"), gin_index())


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for sql in FTS5_DROP:
            schema_editor.execute(sql)
    elif vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("search", "SearchDocument"), gin_index())


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
