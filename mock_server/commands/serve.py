"""``mock-server serve``: every API in specs/ on one port.

A start-up failure (a malformed ``MOCK_*`` variable, an unknown ``--scenario``, a port in
use) is one line naming the flag, variable or file and what is wrong, and exit status 2;
the banner is printed only once the port is bound and accepting.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path

from ..request_log import LOG_FORMATS
from ..settings import Settings, SettingsError, parse_instant

HELP = "serve every API in specs/ on one port"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", help="interface to listen on (default 127.0.0.1, env MOCK_HOST)")
    parser.add_argument("--port", type=int, help="port (default 8080, env MOCK_PORT); 0 picks a free one")
    parser.add_argument("--port-file", type=Path, help="write the port listened on to this file once it accepts connections")
    parser.add_argument("--seed", type=int, help="seed for all fake data, ids and tokens (default: random, printed)")
    parser.add_argument("--clock", type=parse_instant, help="freeze every namespace's clock at this ISO-8601 instant")
    parser.add_argument("--scenario", help="name of a scenario in scenarios/ that every namespace starts in")
    parser.add_argument(
        "--validate-responses", action="store_true", default=None, help="check every response against the spec"
    )
    parser.add_argument("--state-file", help="keep every namespace in this file across restarts (env MOCK_STATE_FILE)")
    parser.add_argument("--save-interval", type=_seconds,
                        help="save a changed state at most this often, in seconds (default 5, env MOCK_SAVE_INTERVAL; "
                             "0: only on shutdown and POST /_mock/state/save)")
    parser.add_argument("--state-file-reset", action="store_true",
                        help="start empty even if the state file holds a state (it is overwritten at the next save)")
    parser.add_argument("--log-format", choices=LOG_FORMATS, help="request log: text (default) or json, one per line")
    parser.add_argument("--quiet", action="store_true", default=None, help="no request log")
    parser.add_argument("--log-docs", action="store_true", default=None,
                        help="also log requests for the docs (Swagger UI, openapi.json)")
    parser.add_argument(
        "--no-fast-path", dest="fast_path", action="store_false", default=None,
        help="send every request through Connexion's full middleware (env MOCK_FAST_PATH=off)",
    )
    parser.add_argument(
        "--cors-origins",
        type=lambda text: tuple(part.strip() for part in text.split(",") if part.strip()),
        help="origins browsers may call from: '*' (default), comma-separated origins, or 'off' (env MOCK_CORS_ORIGINS)",
    )


def run(args: argparse.Namespace) -> int:
    from .. import uvicorn_import
    from ..collector import collector_paused
    from ..compiled_once import compiled_once

    uvicorn_import.install()  # before anything imports uvicorn: this process never runs its command line
    from ..hosting import Host

    with collector_paused(), compiled_once():
        import uvicorn

        from ..app import build_app
        from ..persistence import StateFile, StateFileError
        from ..request_log import RequestLog, colour_wanted
        from ..scenarios.loader import ScenarioError

        try:
            settings = Settings.from_env(
                host=args.host,
                port=args.port,
                seed=args.seed,
                clock=args.clock,
                scenario=args.scenario,
                validate_responses=args.validate_responses,
                state_file=args.state_file,
                save_interval=args.save_interval,
                log_format=args.log_format,
                quiet=args.quiet,
                log_docs=args.log_docs,
                cors_origins=args.cors_origins,
                fast_path=args.fast_path,
            )
            if settings.log_format not in LOG_FORMATS:
                raise SettingsError(f"unknown log format {settings.log_format!r} (MOCK_LOG_FORMAT): use "
                                    + " or ".join(LOG_FORMATS))
            app = build_app(settings)
            listener = _bind(settings.host, settings.port)
        except (SettingsError, ScenarioError) as error:
            print(f"mock-server: {error}", file=sys.stderr)
            return 2
        except OSError as error:
            print(f"mock-server: cannot listen on {settings.host}:{settings.port}: {error.strerror or error}", file=sys.stderr)
            return 2
    # No access log: its lines are below "warning" anyway, but with it on uvicorn still formats each
    # request's client and path before dropping them (the mock writes its own request log).
    host = Host(uvicorn.Config(app, host=settings.host, port=settings.port, date_header=False, server_header=False,
                               log_level="warning", access_log=False, ws=uvicorn_import.websockets_on_first_upgrade))
    if settings.state_file:
        state_file = StateFile(Path(settings.state_file), app.runtime.worlds, settings.save_interval)
        try:
            loaded = "reset, starting empty" if args.state_file_reset else f"{state_file.load()} namespaces loaded"
        except StateFileError as exc:
            print(f"mock-server: {exc} (--state-file-reset starts empty and overwrites it)", file=sys.stderr)
            return 2
        print(f"mock-server: state file {settings.state_file}: {loaded}", flush=True)
        state_file.track(app.runtime.journal)
        app.runtime.state_file = state_file
        host.on_listening.append(lambda _port: state_file.start())
        host.on_stopped.append(state_file.close)
    if not settings.quiet:
        RequestLog(sys.stdout, settings.log_format, colour=colour_wanted(sys.stdout),
                   include_docs=settings.log_docs).attach(app.runtime.journal)
    if args.port_file:
        host.on_listening.append(lambda port: _write_port_file(args.port_file, port))
        host.on_stopped.append(lambda: _remove_port_file(args.port_file))
    host.on_listening.append(lambda port: _banner(settings, port))
    host.run(sockets=[listener])
    return 0


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a port in use is one clear line, not uvicorn's log."""
    listener = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError:
        listener.close()
        raise
    return listener


def _banner(settings: Settings, port: int) -> None:
    clock = settings.clock.isoformat() if settings.clock else "running (wall time)"
    scenario = settings.scenario or "none"
    print(f"mock-server: http://{settings.host}:{port}/  seed={settings.seed}  clock={clock}  scenario={scenario}",
          flush=True)


def _write_port_file(path: Path, port: int) -> None:
    from ..atomic_file import write_atomically

    write_atomically(path, f"{port}\n".encode())


async def _remove_port_file(path: Path) -> None:
    path.unlink(missing_ok=True)


def _seconds(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value
