"""Actors: the knowledge base of names, organisations and people with dated roles (``kb``)."""
