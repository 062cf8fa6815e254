from decimal import Decimal

from django.template import Context, Template


def render(value) -> str:
    return Template("{% load money %}{{ value|money }}").render(Context({"value": value}))


def test_amounts_have_a_pound_sign_thousands_and_pence():
    assert render(Decimal("1234.5")) == "£1,234.50"
    assert render(0) == "£0.00"


def test_a_negative_amount_is_in_brackets_wherever_it_is_shown():
    assert render(Decimal("-1234.56")) == "(£1,234.56)"
    assert render(-5.5) == "(£5.50)"


def test_nothing_is_shown_for_no_amount():
    assert render(None) == ""
    assert render("") == ""
