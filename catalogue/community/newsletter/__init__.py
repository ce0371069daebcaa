"""The newsletter: subscriptions with double opt-in (subscriptions.py, signed links in
tokens.py), issues built from what was published (sources.py, issues.py) and their sending in
resumable batches (sending.py, ``manage.py send_newsletter``)."""
