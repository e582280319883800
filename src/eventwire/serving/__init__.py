"""serving: what the JSON API (`api`) and the pages (`web`) share, below both.

The server's settings and state, its one database with a read handle per thread (`database`),
request parameters parsed into the store's queries (`params`), errors, the lists each resource
declares and the view that pages and downloads them (`lists`, `downloads`), the events table's
browser over the in-memory index (`event_browser`), ingest over HTTP and the watcher on a thread.
"""
