"""Files written safely (atomic, durable, disk-full aware) and read as untrusted input."""
