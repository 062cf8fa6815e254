"""Dashboard panels: an organisation's open returns, and live campaign return rates."""

from __future__ import annotations

from safeguarding.core import dashboard


def _my_returns(request) -> dict:
    from safeguarding.assurance.selectors.returns import my_returns

    return {"returns": list(my_returns(user=request.user, include_done=False)[:10])}


def _return_rates(request) -> dict:
    from safeguarding.assurance.selectors.campaigns import open_campaigns_with_rates

    return {"campaigns": list(open_campaigns_with_rates(user=request.user))}


def _survey_responses(request) -> dict:
    from safeguarding.assurance.selectors.surveys import survey_panel

    return {"surveys": survey_panel(user=request.user)}


def register_panels() -> None:
    dashboard.register(
        dashboard.Panel(
            key="assurance-survey-responses",
            title="Survey responses",
            template="assurance/panels/survey_responses.html",
            context=_survey_responses,
            permission="assurance.view_surveys",
            items="surveys",
            link=("See all surveys and consultations", "assurance:survey-list"),
            cacheable=True,
        )
    )
    dashboard.register(
        dashboard.Panel(
            key="assurance-my-returns",
            title="Your organisation's audit returns",
            template="assurance/panels/my_returns.html",
            context=_my_returns,
            permission="assurance.view_my_returns",
            group=dashboard.NEEDS_YOU,
            items="returns",
            link=("See all your audit returns", "assurance:my-returns"),
            cacheable=True,
        )
    )
    dashboard.register(
        dashboard.Panel(
            key="assurance-return-rates",
            title="Audit return rates",
            template="assurance/panels/return_rates.html",
            context=_return_rates,
            permission="assurance.view_campaigns",
            items="campaigns",
            link=("See all audit campaigns", "assurance:campaign-list"),
            cacheable=True,
        )
    )
