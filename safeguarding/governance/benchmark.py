"""Benchmark: reading key-messages documents and drafting an import batch.

Targets (read from the printed figures, never asserted in tests): a ten-year archive of
40 meetings and 400 messages (about 100 KB of text) read in under a second, and drafted
into a batch in a few seconds, so the upload page can import synchronously; the reader
over the evaluation set in well under a second.

Run with ``.venv/bin/python -m safeguarding.governance.benchmark`` (it builds its data in a
throw-away test database, never the real one).
"""

from __future__ import annotations

import datetime
import os
import statistics
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parent / "tests" / "fixtures" / "key_message_eval"


def archive_text(meetings: int = 40, per_meeting: int = 10) -> str:
    parts = ["Key messages from the Partnership Board", ""]
    day = datetime.date(2015, 1, 20)
    for m in range(meetings):
        parts += [f"Board meeting – {day:%d %B %Y}".replace(" 0", " "), ""]
        for n in range(per_meeting):
            parts += [
                f"Topic {m}-{n} – The Board heard an update on item {n} and agreed that partners "
                "will share the learning with their teams through briefings and supervision.",
                "",
            ]
        day += datetime.timedelta(days=91)
    return "\n".join(parts)


def draft_batch(partnership, text: str, key: str) -> None:
    """Read an archive's text and draft it as a new import batch (``key`` makes each file's
    hash differ, so the same text is drafted again rather than found already imported)."""
    from safeguarding.governance.importing import read_text_messages
    from safeguarding.governance.services.import_batches import file_hash, import_batch_create

    import_batch_create(
        partnership=partnership,
        reading=read_text_messages(text),
        source_name="archive.txt",
        source_hash=file_hash(key.encode()),
        job="benchmark",
    )


def _timed(label: str, call, repeat: int = 5) -> None:
    call()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        runs.append((time.perf_counter() - start) * 1000)
    print(f"{label:<60} median {statistics.median(runs):9.1f} ms   max {max(runs):9.1f} ms")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")
    import django

    django.setup()
    from django.test.utils import get_runner, setup_test_environment

    from safeguarding.accounts.tests.factories import PartnershipFactory
    from safeguarding.governance.importing import read_text_messages
    from safeguarding.governance.importing.evaluation import evaluate_folder

    text = archive_text()
    print(f"archive: {len(text) // 1024} KB, {len(read_text_messages(text).messages)} messages")
    _timed("read a 400-message archive", lambda: read_text_messages(text))
    _timed("read the evaluation set (22 documents)", lambda: evaluate_folder(EVAL))

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        partnership = PartnershipFactory(slug="benchmark")
        counter = iter(range(1000))
        _timed(
            "read and draft a 400-message archive as a batch",
            lambda: draft_batch(partnership, text, f"{next(counter)}"),
            repeat=3,
        )
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
