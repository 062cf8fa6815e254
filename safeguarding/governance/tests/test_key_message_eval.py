"""The reader measured on its evaluation set (fixtures/key_message_eval: fictional documents
written apart from the reader's rules): the figures must not fall below those reached when
the set was last measured (docs/importers.md reports them)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

EVAL = Path(__file__).resolve().parent / "fixtures" / "key_message_eval"


def test_reader_precision_and_recall_on_the_evaluation_set():
    out = StringIO()
    call_command("evaluate-key-message-reader", str(EVAL), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["documents"] >= 20
    floors = {
        "meetings": (0.95, 0.95),
        "titles": (0.95, 0.95),
        "messages": (0.95, 0.95),
    }
    for measure, (precision, recall) in floors.items():
        assert result[measure]["precision"] >= precision, (measure, result[measure])
        assert result[measure]["recall"] >= recall, (measure, result[measure])


def test_the_evaluation_counts_a_wrong_reading_as_wrong(tmp_path):
    (tmp_path / "one.txt").write_text("March 2024\n\nOnline harm – Young people need support.\n")
    (tmp_path / "one.json").write_text(
        json.dumps(
            {
                "meetings": ["2024-04"],
                "messages": [{"meeting": "2024-04", "title": "Exploitation"}],
            }
        )
    )
    out = StringIO()
    call_command("evaluate-key-message-reader", str(tmp_path), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["meetings"]["precision"] == 0 and result["titles"]["recall"] == 0


def test_a_folder_without_expectations_is_refused(tmp_path):
    with pytest.raises(CommandError, match="no documents with a JSON file"):
        call_command("evaluate-key-message-reader", str(tmp_path))
