"""Dossiers: the producer's application, its evidence, and the commune's check."""
