"""The raw texts the claims cite: reading them, and finding quotes and printed numbers in them."""
