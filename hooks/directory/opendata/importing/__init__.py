"""`directory import oruk`: Open Referral UK services in, group files out, nothing lost.

feed.py      which ORUK version, which services, complete or one page of many
reading.py   what one service's readers share: used values, notes, review fields
contact.py, places.py, schedules.py, terms.py, details.py   a reader per kind of ORUK data
html.py      descriptions to safe Markdown; the summary
mapping.py   import-map.yaml: other taxonomies to our needs and neighbourhoods
service.py   one service to one group's data
batch.py     every service of a feed, with unique names
command.py   reading the files, writing the groups, the exit code
slugs.py     unique, stable file names
writing.py   the file text, and merging an update into a file people have edited
report.py    the report for the data officer

Every service becomes one file or one reported skip. Whatever was guessed is listed in
the file's `review:` field, which `directory check` refuses until a person removes it.
"""

from __future__ import annotations

from .batch import import_services
from .command import command, run
from .feed import ImportProblem
from .service import Imported

__all__ = ["ImportProblem", "Imported", "command", "import_services", "run"]
