"""Places: toponyms resolved with the article as context, and the place of each event."""
