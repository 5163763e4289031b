"""Settings of the `rathaus` mkdocs plugin, declared as a typed mkdocs config class."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class RathausConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn the generator off, e.g. to build only the hand-written pages."""
    city = c.Type(str)
    """Name of the city, shown in titles and the 115 box."""
    demo = c.Type(bool, default=False)
    """Show the notice "Beispieldaten" on every page while the contact data is not verified."""
    service_center = c.Optional(c.Type(str))
    """Id of the office shown as the city's Service-Center next to 115."""
    municipalities = c.Type(list, default=[])
    """Ids of the municipalities (municipalities/<id>.yaml) the site answers for; empty: one city only."""
    feedback_mail = c.Optional(c.Type(str))
    """Address for "Fehler melden" links."""
    catalogue_dir = c.Optional(c.Dir(exists=True))
    """Folder that holds services/, offices/ and topics/ (default: the folder of mkdocs.yml)."""
    review_months = c.Type(int, default=12)
    """After how many months without review (`reviewed`) a record is reported as stale."""
    edit_uri = c.Optional(c.Type(str))
    """Edit path of the YAML records relative to repo_url (default: mkdocs' edit_uri without docs_dir)."""
    workers = c.Type(int, default=0)
    """Processes that write the record pages (0: one per available core; 1: no extra processes)."""
    cache = c.Type(bool, default=True)
    """Keep parsed records and compiled templates between builds in `cache_dir`: a build of 1,000 services
    starts about 0.5 s sooner."""
    cache_dir = c.Type(str, default=".cache/rathaus")
    """Folder for that cache, relative to mkdocs.yml (git-ignored)."""
