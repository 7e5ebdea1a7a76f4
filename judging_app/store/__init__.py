"""The contest database: typed models (``models``), the engine factory (``engine``) and the Alembic
migrations (``migrations/``) that upgrade a file made by an older version of the app."""
