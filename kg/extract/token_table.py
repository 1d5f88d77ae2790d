"""A document's token attributes as plain lists, read once: Doc -> TokenTable.

Reading ``doc[i].lower_`` makes a ``Token`` object and a string for every word it is asked of,
and the components ask of every word of an article again and again. ``token_table(doc)`` reads
each attribute of every token once, through ``Doc.to_array`` (a column per attribute, built on
first use), and keeps the table beside the document (weakly: it goes with the document), so
that a loop over a text's words tests lists and makes a ``Token`` only for the few words that
pass its cheap tests.
"""

from __future__ import annotations

from functools import cached_property
from weakref import WeakKeyDictionary, ref

import numpy as np
from spacy.attrs import DEP, HEAD, IDX, LENGTH, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc

# beside the documents rather than in ``Doc.user_data``, which ``Doc.to_bytes`` serialises
_TABLES: WeakKeyDictionary[Doc, TokenTable] = WeakKeyDictionary()


class TokenTable:
    """The attributes of a document's tokens, one list each, indexed by token number."""

    def __init__(self, doc: Doc) -> None:
        self._doc = ref(doc)  # not the document itself: the table must not keep it alive
        self.n = len(doc)

    @property
    def doc(self) -> Doc:
        doc = self._doc()
        if doc is None:
            raise ReferenceError("the document of this token table is gone")
        return doc

    def _strings(self, attr: int) -> list[str]:
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.doc.to_array(attr).tolist()]

    @cached_property
    def lower(self) -> list[str]:
        """``Token.lower_`` of each token."""
        return self._strings(LOWER)

    @cached_property
    def pos(self) -> list[str]:
        """``Token.pos_`` of each token."""
        return self._strings(POS)

    @cached_property
    def tag(self) -> list[str]:
        """``Token.tag_`` of each token."""
        return self._strings(TAG)

    @cached_property
    def dep(self) -> list[str]:
        """``Token.dep_`` of each token."""
        return self._strings(DEP)

    @cached_property
    def head(self) -> list[int]:
        """``Token.head.i`` of each token."""
        relative = self.doc.to_array(HEAD).astype(np.int64)
        return (relative + np.arange(self.n, dtype=np.int64)).tolist()

    @cached_property
    def children(self) -> list[list[int]]:
        """The numbers of each token's children, in text order (``Token.children``)."""
        kids: list[list[int]] = [[] for _ in range(self.n)]
        for i, head in enumerate(self.head):
            if head != i:
                kids[head].append(i)
        return kids

    def subtree(self, i: int) -> list[int]:
        """The numbers of a token and of every word under it (``Token.subtree``), unordered."""
        kids = self.children
        found, todo = [i], [i]
        while todo:
            below = kids[todo.pop()]
            found += below
            todo += below
        return found

    def first_of_subtree(self, i: int) -> int:
        """The number of the first word ``Token.subtree`` yields: the leftmost left child's,
        down to a word with no left child."""
        kids = self.children
        while kids[i] and kids[i][0] < i:
            i = kids[i][0]
        return i

    @cached_property
    def start(self) -> list[int]:
        """``Token.idx`` of each token: the offset of its first character."""
        return self.doc.to_array(IDX).tolist()

    @cached_property
    def end(self) -> list[int]:
        """The offset after each token's last character."""
        where = self.doc.to_array([IDX, LENGTH]).astype(np.int64)
        return (where[:, 0] + where[:, 1]).tolist()

    @cached_property
    def sent(self) -> list[int]:
        """Each token's sentence number (all 0 when the document has no sentences)."""
        if not self.n:
            return []
        if not self.doc.has_annotation("SENT_START"):
            return [0] * self.n
        starts = self.doc.to_array(SENT_START).astype(np.int64) == 1
        starts[0] = True
        return (np.cumsum(starts) - 1).tolist()


# the table asked for last, and its document (weakly): the rules ask for the table of the
# document they work on thousands of times, and a WeakKeyDictionary look-up is slower
_last: tuple[ref[Doc], TokenTable] | None = None


def token_table(doc: Doc) -> TokenTable:
    """Return the document's token table, read on first use and kept beside the document."""
    global _last
    last = _last  # read once: another thread may set it meanwhile
    if last is not None and last[0]() is doc:
        return last[1]
    table = _TABLES.get(doc)
    if table is None:
        table = _TABLES[doc] = TokenTable(doc)
    _last = (ref(doc), table)
    return table


def fresh_token_table(doc: Doc) -> TokenTable:
    """Read the document's token table anew (the first rule component of a run does)."""
    global _last
    table = _TABLES[doc] = TokenTable(doc)
    _last = (ref(doc), table)
    return table
