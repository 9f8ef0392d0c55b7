"""The one version number of the library and the data package, and its release date."""

__version__ = "2.2.0"
__release_date__ = "2026-12-07"
