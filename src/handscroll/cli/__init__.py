"""The `handscroll` command: one thin function per command, no logic of its own.

Commands live by what they do: `library` (read files in, look at the library), `derived`
(what the text says, search), `serving` (serve, build, export), `workspace` (accounts,
scheduled publishing, the audit log). `common` holds the app they
register on; imports inside commands are lazy so that `handscroll --help` stays fast.
"""

# The order of registration is the order of `handscroll --help`.
# isort: off
from handscroll.cli import library
from handscroll.cli import derived
from handscroll.cli import serving
from handscroll.cli import workspace
from handscroll.cli.common import app
# isort: on

__all__ = ["app", "derived", "library", "serving", "workspace"]
