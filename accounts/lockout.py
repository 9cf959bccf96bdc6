def attempted_email(request, credentials):
    """The address a login attempt was for, as the lockout counts it.

    Addresses are case-insensitive here, so varying the case must not buy more guesses.
    """
    raw = (credentials or {}).get("username") or request.POST.get("username", "")
    return raw.strip().lower()
