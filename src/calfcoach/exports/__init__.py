"""Exports: plan or store -> bytes (calendars, watch workouts, data). Pure."""
