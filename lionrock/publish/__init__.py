"""The published site: a static, trilingual, mirrorable copy of the published record.

Example:
    from lionrock.publish import build_site
    build_site(store, out=Path("site")).written
"""

from lionrock.publish.build import SiteOptions, build_site, site_pages
from lionrock.publish.manifest import write_manifest
from lionrock.publish.record import SiteRecord
from lionrock.publish.writer import BuildReport, Page, open_build

__all__ = [
    "BuildReport",
    "Page",
    "SiteOptions",
    "SiteRecord",
    "build_site",
    "open_build",
    "site_pages",
    "write_manifest",
]
