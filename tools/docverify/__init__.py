"""docverify: keeps translated LLM-provider guides executable and checked."""

__version__ = "0.1.0"

__all__ = ["__version__"]
