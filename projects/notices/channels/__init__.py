"""How a notice leaves the app: one module per channel, each `send(...)` raising SendFailed on failure."""


class SendFailed(Exception):
    """The channel refused or could not be reached; the message says why without any secret in it."""
