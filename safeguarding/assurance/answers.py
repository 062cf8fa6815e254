"""What an answer says, in words and as a fingerprint, and whether it is complete.

Shared by the services (carrying answers forward, checking a return before submission) and
the selectors (the task list, the read-only copy), so both read answers the same way.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal

from safeguarding.assurance.models import Answer, AnswerType, TemplateQuestion


def answer_summary(answer: Answer) -> str:
    """The answer in words, as shown on the read-only copy and the 'last time' hint."""
    question = answer.question
    if answer.not_applicable:
        value = f"Not applicable: {answer.not_applicable_reason}"
    elif question.answer_type == AnswerType.RATING:
        value = answer.rating.label if answer.rating_id else ""
    elif question.answer_type == AnswerType.YES_NO:
        value = {True: "Yes", False: "No"}.get(answer.yes_no, "")
    elif question.answer_type == AnswerType.NUMBER:
        value = "" if answer.number is None else f"{Decimal(answer.number).normalize():f}"
    elif question.answer_type == AnswerType.FILE:
        value = ", ".join(f.name for f in answer.files.all())
    else:
        value = answer.text
    if answer.evidence:
        value = f"{value}. Evidence: {answer.evidence}" if value else f"Evidence: {answer.evidence}"
    for key, extra in sorted((answer.extra or {}).items()):
        if extra:
            label = key.replace("-", " ").capitalize()
            value = f"{value}. {label}: {extra}" if value else f"{label}: {extra}"
    return value


def answer_signature(answer: Answer) -> str:
    """A fingerprint of the answer's value, to tell whether it changed."""
    value = {
        "na": answer.not_applicable,
        "reason": answer.not_applicable_reason.strip(),
        "rating": answer.rating.value if answer.rating_id else None,
        "yes_no": answer.yes_no,
        "number": None if answer.number is None else f"{Decimal(answer.number).normalize():f}",
        "text": answer.text.strip(),
        "evidence": answer.evidence.strip(),
    }
    if answer.extra:  # only when used, so fingerprints made before extra fields still match
        value["extra"] = {k: str(v).strip() for k, v in sorted(answer.extra.items()) if v}
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()


def answer_is_complete(answer: Answer | None, question: TemplateQuestion, files: int) -> str:
    """'' when the answer is complete; otherwise what is missing, in words."""
    if answer is None:
        answer = Answer(question=question)
    kind = question.answer_type
    if answer.not_applicable:
        return "" if answer.not_applicable_reason.strip() else "give the reason it does not apply"
    if kind == AnswerType.RATING:
        if not answer.rating_id:
            choice = " or “Not applicable”" if question.allows_not_applicable else ""
            return f"choose a rating{choice}"
        if question.evidence_required and not answer.evidence.strip():
            return "describe the evidence for the rating"
        return ""
    if kind == AnswerType.YES_NO:
        return "" if answer.yes_no is not None else "answer yes or no"
    if kind == AnswerType.NUMBER:
        return "" if answer.number is not None else "enter a number"
    if kind == AnswerType.FILE:
        return "" if files else "upload a file"
    return "" if answer.text.strip() else "enter an answer"
