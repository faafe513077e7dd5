"""A stateful mock and contract server for four email-account APIs, driven by specs/."""

import warnings

from . import connexion_import

# Connexion imports Starlette's TestClient at start-up, which warns about httpx on every run
# of the CLI; the warning is about a test helper this server never uses.
warnings.filterwarnings("ignore", message=".*starlette.testclient.*")
connexion_import.install()
