"""The clinic's key, compared in constant time; no key set means nobody is let in."""

import hmac


def key_matches(given: str | None, expected: str | None) -> bool:
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())
