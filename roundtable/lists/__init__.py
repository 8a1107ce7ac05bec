"""Mailing lists: archives imported, threaded, read and searched beside the processes."""
