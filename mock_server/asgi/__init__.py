"""ASGI pieces that wrap the Connexion app: what every request goes through first."""
