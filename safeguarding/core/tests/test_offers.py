import pytest

from safeguarding.core import offers


def test_a_capability_finds_what_another_offers_by_name():
    assert callable(offers.offered("training.sessions").session_figures)


def test_asking_for_what_nobody_offers_says_so():
    with pytest.raises(LookupError, match="No installed capability offers 'nothing.here'"):
        offers.offered("nothing.here")
