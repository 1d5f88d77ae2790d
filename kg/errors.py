"""The exceptions of newskg, drawn once: every error a user can act on is a KgError."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error newskg raises for a user to act on."""


class InputError(KgError):
    """An article file or record cannot be read (missing, malformed, no text, no id).

    Its message starts with where the record is: "file.jsonl:4: not valid JSON …".
    """

    def parts(self) -> tuple[str, str]:
        """Return where the record is and what is wrong with it."""
        where, _, reason = str(self).partition(": ")
        return where, reason or where


class SetupError(KgError):
    """No article can be built: what every build needs (model, shapes, data) is missing.

    It stops the command at once instead of failing every article one by one.
    """


class ModelError(SetupError):
    """The spaCy model is not installed or cannot be loaded."""


class ValidationFailed(KgError):
    """A graph does not conform to the SHACL shapes."""


class StoreError(KgError):
    """The store cannot be opened, read or written."""


class QueryError(KgError):
    """A stored query is unknown, malformed, or given a bad parameter."""


class ClusterError(KgError):
    """The Dask scheduler cannot be reached, or the cluster cannot build."""
