"""The lsh-kg web application (Flask)."""
