"""Writes of the rating workflow (criteria versions so far; dossiers, rounds and results come next)."""

from .criteria_loader import CriteriaFileError, criteria_version_load

__all__ = ["CriteriaFileError", "criteria_version_load"]
