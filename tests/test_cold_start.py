"""What start-up leaves out or does the cheap way (issue 15: cold start) changes nothing a
client sees: it imports nothing a serving process does not use, what was left out still
works for the code that uses it, and the shared documents Connexion reads stay as they are."""

from __future__ import annotations

import copy
import json
import marshal
import subprocess
import sys

import connexion.json_schema
from starlette.testclient import TestClient

from mock_server import app as app_module, specs
from mock_server.app import build_app
from mock_server.registry import mounts_in_routing_order
from mock_server.settings import Settings
from mock_server.specs import load_document
from mock_server.yaml_reading import safe_load

LEFT_FOR_FIRST_USE = [
    "starlette.testclient",  # Connexion's test client
    "requests",  # Connexion's documents fetched by URL
    "httpx",  # Connexion's remote OAuth token info; WildDuck's webhook sender until a webhook fires
    "webauthn",  # WildDuck's WebAuthn checks
    "dkim",  # WildDuck's DKIM signing, once a key applies
    "markdown_it",  # Overkiz's /doc page
    "faker",  # seed data, imported by the first namespace seeded
    "jwt",  # Overkiz's JWTs, imported by the first one issued (its seed) or read
    "cryptography",  # WildDuck's DKIM keys, certificates, signatures; PyJWT
    "qrcode",  # WildDuck's TOTP setup
    "passlib",  # WildDuck's crypt(3) password hashes (MD5, DES, SHA crypt)
    "jinja2",  # Swagger UI pages, the APIs' mails and pages, Overkiz's /doc
    "pyotp",  # WildDuck's TOTP setup and checks
    "argon2",  # WildDuck's argon2 password hashes
    "bcrypt",  # WildDuck's bcrypt password hashes
    "plistlib",  # WildDuck's Apple configuration profiles (and the XML parser behind it)
    "png",  # images attached to seeded mail
    "cbor2",  # the soft WebAuthn authenticator
    "msgpack",  # WildDuck's account export and import
    "websockets",  # uvicorn's WebSocket protocol, with the first upgrade request
]


def test_a_built_server_has_not_imported_what_only_some_requests_use():
    script = (
        "import json, sys\n"
        "from mock_server.app import build_app\n"
        "from mock_server.settings import Settings\n"
        "build_app(Settings.from_env(seed=1))\n"
        f"print(json.dumps([name for name in {LEFT_FOR_FIRST_USE!r} if name in sys.modules]))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert json.loads(result.stdout) == []


def test_connexion_s_test_client_and_url_loading_still_work_when_used():
    script = (
        "import mock_server, connexion, connexion.json_schema, sys\n"
        "app = connexion.AsyncApp('probe')\n"
        "client = app.test_client()\n"
        "print(type(client).__module__, client.get('/nothing').status_code)\n"
        "print(connexion.json_schema.requests.get.__module__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.split() == ["starlette.testclient", "404", "requests.api"]


def test_serve_s_uvicorn_leaves_out_its_command_line_which_still_works_when_called():
    script = (
        "import json, sys\n"
        "from mock_server import uvicorn_import\n"
        "uvicorn_import.install()\n"  # as serve does
        "import uvicorn\n"
        "from mock_server import hosting\n"
        "print(json.dumps([name for name in ('click', 'uvicorn.main', 'watchfiles') if name in sys.modules]))\n"
        "print(hosting.Host.__mro__[1].__module__, uvicorn.Config.__module__)\n"
        "try:\n"
        "    uvicorn.main(['--version'])\n"
        "except SystemExit as exit:\n"
        "    print('exit', exit.code, type(uvicorn.main).__module__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    lines = result.stdout.splitlines()
    assert json.loads(lines[0]) == []
    assert lines[1] == "uvicorn.server uvicorn.config"
    assert lines[2].startswith("Running uvicorn ") and lines[3] == "exit 0 click.core"


def test_a_listening_server_has_not_imported_websockets_and_still_refuses_an_upgrade():
    """uvicorn's WebSocket protocol is imported by the first upgrade request, which the mock
    refuses as before: 403, the connection closed."""
    script = (
        "import json, os, socket, sys\n"
        "from mock_server import uvicorn_import\n"
        "uvicorn_import.install()\n"  # as serve does, before uvicorn is imported
        "from mock_server import hosting\n"
        "started = hosting.Host.startup\n"
        "async def startup(self, sockets=None):\n"
        "    await started(self, sockets)\n"
        "    print(json.dumps([name for name in ('websockets', 'click') if name in sys.modules]), flush=True)\n"
        "    port = self.servers[0].sockets[0].getsockname()[1]\n"
        "    reader, writer = await __import__('asyncio').open_connection('127.0.0.1', port)\n"
        "    writer.write(b'GET /_mock/health HTTP/1.1\\r\\nHost: x\\r\\nConnection: Upgrade\\r\\nUpgrade: websocket\\r\\n'\n"
        "                 b'Sec-WebSocket-Version: 13\\r\\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\\r\\n\\r\\n')\n"
        "    print((await reader.read()).split(b'\\r\\n')[0].decode(), flush=True)\n"
        "    os._exit(0)\n"
        "hosting.Host.startup = startup\n"
        "from mock_server.cli import main\n"
        "main(['serve', '--port', '0', '--seed', '1', '--quiet'])\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    assert result.stdout.splitlines()[1:] == ["[]", "HTTP/1.1 403 Forbidden"]  # after the banner


def test_pages_rendered_with_jinja_still_render_when_first_asked_for():
    client = TestClient(build_app(Settings.from_env(seed=1)))
    for path in ("/ui/", "/_mock/ui/", "/enduser-mobile-web/enduserAPI/doc"):
        answer = client.get(path)
        assert answer.status_code == 200 and answer.text.startswith("<!"), path


def test_connexion_leaves_the_shared_documents_as_they_were():
    """They are handed to Connexion uncopied, and other parts (the docs pages, conformance
    runs, the index) read the same objects."""
    files = {mount.file for _api, mount in mounts_in_routing_order()}
    before = {name: copy.deepcopy(load_document(name)) for name in files}
    client = TestClient(build_app(Settings.from_env(seed=1)))
    for path in ("/_mock/health", "/openapi.json", "/ui/", "/_mock/openapi.json", "/users?limit=1"):
        client.get(path)
    assert {name: load_document(name) for name in files} == before


def test_a_document_with_nothing_to_fill_is_read_as_the_walk_made_it():
    """``load_document`` copies such a document with marshal instead of walking it: the same
    data, types and order, and still no node in two places where the YAML reuses one (Retarus'
    aliased parameter lists), so changing one operation's part never changes another's."""
    files = sorted({mount.file for _api, mount in mounts_in_routing_order()})
    for name in files:
        walked = specs._filled(safe_load((specs.SPECS_DIR / name).read_text(encoding="utf-8")))
        assert marshal.dumps(load_document(name), 2) == marshal.dumps(walked, 2), name
        assert _sharing(load_document(name)) == [], name


def test_references_resolved_at_an_earlier_start_are_connexion_s_own(tmp_path, monkeypatch):
    """The same data, and the same nodes shared, as Connexion's ``resolve_refs`` makes."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    for name in sorted({mount.file for _api, mount in mounts_in_routing_order()}):
        raw = {str(key): value for key, value in load_document(name).items()}
        expected = connexion.json_schema.resolve_refs(raw)
        computed, cached = app_module._resolved_once(raw), app_module._resolved_once(raw)
        assert marshal.dumps(computed, 2) == marshal.dumps(cached, 2) == marshal.dumps(expected, 2), name
        assert _sharing(computed) == _sharing(cached) == _sharing(expected), name
        assert cached is not computed
    assert len(list(tmp_path.glob("mock-server/yaml/*.marshal"))) == 6


def _sharing(node: object, path: str = "", seen: dict[int, str] | None = None) -> list[tuple[str, str]]:
    """(where, where first seen) for every container met again."""
    seen = {} if seen is None else seen
    if not isinstance(node, (dict, list)):
        return []
    if id(node) in seen:
        return [(path, seen[id(node)])]
    seen[id(node)] = path
    items = node.items() if isinstance(node, dict) else enumerate(node)
    return [pair for key, child in items for pair in _sharing(child, f"{path}/{key}", seen)]
