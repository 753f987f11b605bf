"""``akhbar watch``: the poll loop over outlet feeds (extra ``live``). :func:`run_watcher` is the entry
point for other commands (``akhbar serve --watch``)."""
