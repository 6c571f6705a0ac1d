"""Results: the scoring engine, each dossier's result, the council's minutes and the decisions."""
