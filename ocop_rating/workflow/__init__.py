"""What every stage shares: the one transition helper and the one event interface of the audit trail."""
