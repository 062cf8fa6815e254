"""Benchmark: importing a 500-question set (Excel) and 20,000 past-return rows (CSV).

Target (read from the printed figures, never asserted in tests): a 500-question Excel file
previews (dry run) and imports in a few seconds, re-importing it is no slower and changes
nothing; 200 organisations x 100 answers of past returns import in under 30 seconds.

Run with ``.venv/bin/python -m safeguarding.assurance.import_benchmark`` (it builds its data in
a throw-away test database, never the real one).
"""

from __future__ import annotations

import io
import os
import time


def _question_set(questions: int) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    header = ["Section", "Reference", "Question", "Type", "Evidence"]
    for c, value in enumerate(header, start=1):
        sheet.cell(row=1, column=c, value=value)
    for n in range(questions):
        section, item = divmod(n, 25)
        row = [
            f"Section {section + 1}",
            f"{section + 1}.{item + 1}",
            f"Standard {section + 1}.{item + 1}: the organisation does what it should.",
            "yes/no" if n % 5 == 0 else "rating",
            "Policy and records",
        ]
        for c, value in enumerate(row, start=1):
            sheet.cell(row=n + 2, column=c, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _past_returns(agencies, questions) -> bytes:
    lines = ["Organisation,Question reference,Answer,Evidence"]
    for i, agency in enumerate(agencies):
        for j, (reference, kind) in enumerate(questions):
            answer = ("Yes", "No")[(i + j) % 2] if kind == "yes_no" else (i + j) % 4
            lines.append(f"{agency.name},{reference},{answer},Evidence {i}-{j}")
    return ("\n".join(lines) + "\n").encode()


def _timed(label: str, call):
    start = time.perf_counter()
    result = call()
    elapsed = time.perf_counter() - start
    counts = {k: result[k] for k in ("created", "updated", "skipped")}
    print(f"{label:<58} {elapsed:7.2f} s   {counts}   errors {len(result['errors'])}")
    return result


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safeguarding.config.settings.test")
    import django

    django.setup()
    from django.test.utils import get_runner, setup_test_environment

    from safeguarding.accounts.tests.factories import AgencyFactory, PartnershipFactory
    from safeguarding.assurance.audience import Audience
    from safeguarding.assurance.models import TemplateVersion
    from safeguarding.assurance.services.past_returns import past_returns_import
    from safeguarding.assurance.services.question_sets import question_set_import
    from safeguarding.assurance.tests.factories import campaign

    setup_test_environment()
    runner = get_runner(django.conf.settings)(verbosity=0)
    old = runner.setup_databases()
    try:
        partnership = PartnershipFactory(slug="benchmark")
        content = _question_set(500)
        scale = "0=Not in place; 1=Partly; 2=Mostly; 3=Fully in place"

        def run(dry_run: bool):
            return question_set_import(
                job="benchmark",
                partnership=partnership,
                content=content,
                filename="set.xlsx",
                name="Benchmark set",
                scale=scale,
                dry_run=dry_run,
            )

        _timed("question set, 500 questions (Excel): dry run", lambda: run(True))
        _timed("question set, 500 questions (Excel): import", lambda: run(False))
        _timed("question set, 500 questions (Excel): import again", lambda: run(False))

        # Past returns against a 100-question published version.
        small = _question_set(100)
        question_set_import(
            job="benchmark",
            partnership=partnership,
            content=small,
            filename="small.xlsx",
            name="Benchmark 100",
            scale=scale,
        )
        version = TemplateVersion.objects.get(template__name="Benchmark 100")
        version.status = "published"  # publishing needs a person; the benchmark is a job
        version.save(update_fields=["status"])
        agencies = [
            AgencyFactory(name=f"Benchmark organisation {n}", partnerships=[partnership])
            for n in range(200)
        ]
        target = campaign(
            partnership=partnership, version=version, audience=Audience("everyone"), launch=False
        )
        questions = list(version.questions.values_list("reference", "scale__kind"))
        rows = _past_returns(agencies, questions)

        def past(dry_run: bool):
            return past_returns_import(
                job="benchmark",
                campaign=target,
                content=rows,
                filename="past.csv",
                dry_run=dry_run,
            )

        _timed("past returns, 200 organisations x 100 answers: dry run", lambda: past(True))
        _timed("past returns, 200 organisations x 100 answers: import", lambda: past(False))
        _timed("past returns, 200 organisations x 100 answers: again", lambda: past(False))
    finally:
        runner.teardown_databases(old)


if __name__ == "__main__":
    main()
