"""Migration revisions (loaded by Alembic from this directory, not imported as a package)."""
