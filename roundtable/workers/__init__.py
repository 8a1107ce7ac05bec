"""Task workers' heartbeats: which `roundtable worker` processes are alive, and giving back the
tasks a dead one was running (beats.py; docs/running.md, "The worker")."""
