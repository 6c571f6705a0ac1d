"""The portal's home and the secretariat's dashboard: deadlines, stars by set and commune, expiring certificates."""
