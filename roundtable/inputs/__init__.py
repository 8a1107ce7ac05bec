"""What a request may carry: bounded text for API schemas, numbers parsed with bounds, and the
refusal of NUL bytes, so junk is a clear 400 on SQLite and PostgreSQL alike, never a 500."""
