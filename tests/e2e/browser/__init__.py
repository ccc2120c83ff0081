"""Browser journeys: the web app in a real Chromium, on SQLite and PostgreSQL."""
