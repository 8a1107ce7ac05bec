"""Venues and the processes they run, in phases under modalities."""
