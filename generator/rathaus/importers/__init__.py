"""Foreign catalogue formats → records (services/, offices/, topics/), re-importable without losing edits."""
