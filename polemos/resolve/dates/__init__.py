"""Dates: the date of each event, chosen among the article's time expressions."""
