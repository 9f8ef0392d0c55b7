"""The one version number of the library and the data package, and its release date."""

__version__ = "1.1.1"
__release_date__ = "2026-11-28"
