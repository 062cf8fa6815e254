"""One way to write a state machine (ADR 0020).

A :class:`Machine` is a list of typed :class:`Transition` objects: a name, the statuses it
may start from, the status it leads to, the button label, the permission it needs and its
guard functions. A guard takes the record and returns the reason the transition is refused
(or ``None`` when it may go ahead), so the same rule answers two questions:

* :meth:`Machine.options` – which transitions are allowed now, and why not (the pages use
  it to show or hide buttons and to explain a refusal);
* :meth:`Machine.apply` – make the transition inside the service's transaction, refusing an
  illegal one with a ``ValidationError`` that says why.

``guards`` are preconditions checked both when offering and when applying. ``validators``
run only when applying, after the service has set the facts the step records; they return
a reason or raise a ``ValidationError`` naming the field at fault. The service saves the
record and writes the audit event in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

Guard = Callable[[Any], "str | None"]

ILLEGAL = "illegal_transition"


@dataclass(frozen=True)
class Transition:
    name: str
    sources: frozenset[str]
    target: str | None  # None: the status stays as it is
    label: str = ""
    permission: str = ""
    guards: tuple[Guard, ...] = ()
    validators: tuple[Guard, ...] = ()
    fields: tuple[str, ...] = ()  # the facts this step records
    refusal: str = ""  # the reason given when tried from another status

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))

    @property
    def action(self) -> str:
        return self.name


@dataclass(frozen=True)
class Option:
    """A transition and the reason it cannot be made now (``None`` when it can)."""

    transition: Transition
    reason: str | None

    @property
    def allowed(self) -> bool:
        return self.reason is None

    @property
    def name(self) -> str:
        return self.transition.name

    @property
    def label(self) -> str:
        return self.transition.label


@dataclass
class Machine:
    noun: str  # "a review", used in refusals
    labels: dict[str, str]
    transitions: list[Transition]
    refusals: dict[tuple[str, str], str] = field(default_factory=dict)
    # Builds the reason for a move tried from a status it does not start from.
    refusal: Callable[[Machine, str, str], str] | None = None
    unknown: str = "“{name}” is not a step of {noun}."
    state_field: str = "status"
    # When set, a refusal names this form field (``{field: reason}``) rather than the form.
    error_field: str | None = None

    def __post_init__(self):
        self.transitions = list(self.transitions)

    # Reading the table ------------------------------------------------------------------

    def names(self) -> list[str]:
        return list(dict.fromkeys(t.name for t in self.transitions))

    def get(self, name: str) -> Transition:
        """The (first) transition called ``name``, or a ValidationError if there is none."""
        for t in self.transitions:
            if t.name == name:
                return t
        raise ValidationError(self.unknown.format(name=name, noun=self.noun), code=ILLEGAL)

    def __contains__(self, name: str) -> bool:
        return any(t.name == name for t in self.transitions)

    def find(self, status: str, name: str, target: str | None = None) -> Transition | None:
        for t in self.transitions:
            if t.name == name and status in t.sources:
                if target is None or t.target == target:
                    return t
        return None

    def label_of(self, status: str) -> str:
        return str(self.labels.get(status, status or "unknown"))

    def refusal_reason(self, status: str, name: str) -> str:
        reason = self.refusals.get((status, name))
        if reason:
            return reason
        own = next((t.refusal for t in self.transitions if t.name == name and t.refusal), "")
        if own:
            return own
        if self.refusal is not None:
            return self.refusal(self, status, name)
        label = self.label_of(status).lower()
        return f"You cannot {name.replace('_', ' ')} {self.noun} that is {label}."

    def check(self, status: str, name: str, target: str | None = None) -> Transition:
        """The transition ``name`` from ``status``, or a ValidationError saying why not."""
        found = self.find(status, name)
        if found is None:
            reason = self.refusal_reason(status, name)
            raise ValidationError(
                {self.error_field: reason} if self.error_field else reason, code=ILLEGAL
            )
        if target is not None:
            found = self.find(status, name, target)
            if found is None:
                raise ValidationError(
                    f"{self.noun[0].upper()}{self.noun[1:]} cannot move to “{target}” by {name}.",
                    code=ILLEGAL,
                )
        return found

    def from_status(self, status: str) -> list[Transition]:
        """The transitions that start from ``status``, in the order of the table."""
        return [t for t in self.transitions if status in t.sources]

    # Asking about a record --------------------------------------------------------------

    def status_of(self, instance) -> str:
        return getattr(instance, self.state_field)

    def reason(self, instance, name: str, user=None) -> str | None:
        """Why ``name`` cannot be made on ``instance`` now (``None`` when it can)."""
        status = self.status_of(instance)
        try:
            transition = self.check(status, name)
        except ValidationError as error:
            return " ".join(error.messages)
        if user is not None and transition.permission:
            if not user.has_perm(transition.permission, instance):
                return "You do not have permission to do this."
        for guard in transition.guards:
            refused = guard(instance)
            if refused:
                return refused
        return None

    def options(self, instance, user=None) -> list[Option]:
        """Every transition from the record's status with the reason it is refused, if it is.

        With ``user``, transitions the person has no permission for are left out."""
        status = self.status_of(instance)
        result = []
        first_by_name: dict[str, Transition] = {}
        for candidate in self.from_status(status):
            first_by_name.setdefault(candidate.name, candidate)
        for transition in first_by_name.values():
            if user is not None and transition.permission:
                if not user.has_perm(transition.permission, instance):
                    continue
            refused = next((r for g in transition.guards if (r := g(instance))), None)
            result.append(Option(transition, refused))
        return result

    def available(self, instance, user=None) -> list[Transition]:
        """The transitions that can be made now (the buttons to show)."""
        return [o.transition for o in self.options(instance, user) if o.allowed]

    # Changing a record ------------------------------------------------------------------

    def apply(self, instance, name: str, *, target: str | None = None) -> Transition:
        """Check and make the transition on ``instance`` (not saved: the service saves it).

        Must run inside the service's transaction. Refuses an illegal move, or one a guard
        or validator refuses, with a ValidationError saying why; the status is then left as
        it was."""
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError(
                f"Transition {name!r} must be made inside the service's transaction."
            )
        transition = self.check(self.status_of(instance), name, target)
        for check in (*transition.guards, *transition.validators):
            refused = check(instance)
            if refused:
                raise ValidationError(refused, code=ILLEGAL)
        if transition.target is not None:
            setattr(instance, self.state_field, transition.target)
        return transition
