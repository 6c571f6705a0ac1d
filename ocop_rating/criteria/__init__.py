"""Criteria versions: the official scoring sheets as data, loaded and read as specs."""
