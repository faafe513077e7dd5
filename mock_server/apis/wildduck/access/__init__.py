"""Who may call what: the access token, user tokens and their roles, /users/me."""
