"""WSGI entry point App Engine's gunicorn loads (`main:app`)."""

import sys

from service import create_app
from service.settings import ConfigError

try:
    app = create_app()
except ConfigError as error:
    print(f"scorecard: configuration problem: {error}", file=sys.stderr)
    # Exit status 3 is gunicorn's "worker failed to boot": it stops instead of
    # restarting a worker that cannot start, and the one line above is the log.
    raise SystemExit(3) from None
