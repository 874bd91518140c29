"""Client URL profiles: how an API client turns the address a user types into the URL it requests.

May import: the shared ground only.
"""
