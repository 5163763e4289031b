"""Writing the site: the atomic writer, the worker pool and the collector settings a large build needs."""
