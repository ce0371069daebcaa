"""What visitors send the catalogue and receive from it: reuse requests and questions on
component pages, the contact page, and the newsletter. Public forms share one protection
(protection.py: honeypot and minimum fill time) and one limiter (ratelimit.py)."""
