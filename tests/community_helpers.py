"""What the community tests share: a form's protections filled in as a person would."""

import time

from catalogue.community.protection import started_token


def person_filled(data: dict, seconds_ago: float = 60) -> dict:
    """``data`` with a form timestamp signed ``seconds_ago`` and an empty honeypot."""
    return {**data, "started": started_token(time.time() - seconds_ago), "website": ""}
