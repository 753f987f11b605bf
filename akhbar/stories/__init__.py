"""Stories: which articles of a feed or an archive report the same event, and which copy each other.

Pure functions over records (no I/O, no database): the store, the CLI, the web app and the Spark
runner all call the same functions.
"""
