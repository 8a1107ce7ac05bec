"""Roundtable: the platform on which multistakeholder processes run.

Layers (see docs/architecture.md): the pure core (modalities, mail, text, analysis) imports
no Django; the Django apps (web, audit, permissions, lists, ...) write through actions.
"""
