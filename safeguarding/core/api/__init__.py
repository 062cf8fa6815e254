"""What every app's API module shares: permission classes, id parameters and error replies.

The ``/api/v1/`` root router and OpenAPI document live in ``safeguarding.api``; each app's
``api.py`` uses only this infrastructure from core.
"""
