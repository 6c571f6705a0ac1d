"""The council: evaluation rounds, seats, conflicts of interest, assignments and blind scoring sheets."""
