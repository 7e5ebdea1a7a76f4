"""Alembic migrations of the contest database, shipped inside the package.

Revision ids are the schema version numbers, zero-padded ("0001", "0002", ...): the newest one
equals ``judging_app.store.engine.SCHEMA_VERSION``, which is also stamped into SQLite's
``user_version``.
"""
