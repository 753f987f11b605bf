"""The app's routers, one per area: the JSON API, the pages, the API docs (and the stories, with a store)."""
