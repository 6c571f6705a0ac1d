"""Onboarding: a user applies to sell, the provincial office approves or rejects, producers invite their staff."""
