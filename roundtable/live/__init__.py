"""Live updates: numbered events per channel, fanned out in-process and through PostgreSQL
LISTEN/NOTIFY, served as server-sent events that resume from the last event id."""
