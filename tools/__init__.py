"""Development tools of the repository (not shipped): import-linter's custom contract."""
