"""Discord extensions: thin glue between interactions and the services in ``bot``."""
