"""Event triggers: which tokens name a happening or state, their span and their event type.

Triggers are main verbs, copulas and predicative adjectives (states), and event nouns: from the
lexicon, with a nominal suffix, whose first WordNet senses name happenings, or what a subject
undergoes ("underwent a transplant"). The type comes from the lexicon, by phrasal verb, by a
light verb's object ("launch an offensive") or by lemma ("Other" when unknown). A word that
only modifies a noun (the first part of a compound, a participle before a noun) or stands for
a preposition ("including") is no trigger.
"""

from __future__ import annotations

from spacy.attrs import DEP, ENT_TYPE, HEAD, IS_UPPER, LEMMA, LENGTH, ORTH, POS
from spacy.symbols import ADJ, ADV, NOUN, VERB
from spacy.tokens import Doc, Token

from kg.extract.lexicon import Lexicon

# model entity labels whose tokens are names, not happenings
_NAME_LABELS = frozenset({
    "PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE",
    "DATE", "TIME",
})  # fmt: skip
# the parts of speech whose words the trigger rule reads (by symbol); a word of another is
# a trigger only as a copula, a word in capitals or an adverb governing a subject
_READ_POS = frozenset({ADJ, NOUN, VERB})
# the dependency roles of a noun or verb that modifies a noun rather than reports a happening:
# the first part of a compound ("a rescue plan", "a manufacturing company"), a participle set
# before a noun ("the televised speech", "an owned company") and a participle used as a
# preposition ("including", "following", "given")
_MODIFIER_DEPS = frozenset({"compound", "amod", "prep"})


class Triggers:
    """Tell triggers and their types with one lexicon."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def find(self, doc: Doc) -> list[int]:
        """Return the indices of a document's triggers, as ``is_trigger`` tells them.

        The same rule on token attributes read once as arrays and compared as the vocabulary's
        integers: a word's strings are looked up only where the rule reads them (a verb's or a
        noun's lemma, a word in capitals), which leaves out most of a text.
        """
        if not len(doc):
            return []
        strings = doc.vocab.strings
        rows = doc.to_array([POS, LEMMA, ENT_TYPE, DEP, ORTH, LENGTH, IS_UPPER]).tolist()
        heads = [i + rel for i, rel in enumerate(doc.to_array([HEAD]).astype("int64").tolist())]
        # str.isupper() as the lexeme flag: only such words of four letters or more are read
        shouted = {
            i
            for i, row in enumerate(rows)
            if row[6] and row[5] >= 4 and self._shouted(strings[row[4]]) is not None
        }
        carries = {heads[i] for i in shouted if heads[i] != i}
        nsubj = strings["nsubj"]
        governs = {heads[i] for i, row in enumerate(rows) if row[3] == nsubj and heads[i] != i}
        be = strings["be"]
        dobj = strings["dobj"]
        undergone = {
            i
            for i, row in enumerate(rows)
            if row[3] == dobj and strings[rows[heads[i]][1]].lower() in self.lex.undergoing_verbs
        }
        out: list[int] = []
        for i, (pos, lemma, ent, dep, *_) in enumerate(rows):
            read = pos in _READ_POS or lemma == be or i in shouted
            if not read and not (pos == ADV and i in governs):
                continue  # the rule says no to such a word without reading more of it
            if self._rule(
                strings[pos],
                strings[lemma],
                strings[ent],
                strings[dep],
                shouted=i in shouted,
                carries_shouted=i in carries,
                governs_subject=i in governs,
                undergone=i in undergone,
            ) and not (strings[dep] in _MODIFIER_DEPS and self.modifies_noun(doc[i])):
                out.append(i)
        return out

    def is_trigger(self, tok: Token) -> bool:
        """Tell whether a token names a happening or state."""
        if self.modifies_noun(tok):
            return False
        return self._rule(
            tok.pos_,
            tok.lemma_,
            tok.ent_type_,
            tok.dep_,
            shouted=self.shouted_lemma(tok) is not None,
            carries_shouted=any(self.shouted_lemma(c) is not None for c in tok.children),
            governs_subject=any(c.dep_ == "nsubj" for c in tok.children),
            undergone=tok.dep_ == "dobj" and tok.head.lemma_.lower() in self.lex.undergoing_verbs,
        )

    def _rule(
        self,
        pos: str,
        lemma: str,
        ent: str,
        dep: str,
        *,
        shouted: bool,
        carries_shouted: bool,
        governs_subject: bool,
        undergone: bool = False,
    ) -> bool:
        """The trigger rule on a token's attributes and what its children are."""
        if shouted:
            return True
        if ent in _NAME_LABELS and pos in ("PROPN", "NOUN", "NUM"):
            return False
        # the auxiliary of a shouted participle the parser took for the verb ("has ESCAPED")
        if lemma in ("have", "be") and carries_shouted:
            return False
        if lemma == "be":
            return dep not in ("aux", "auxpass")
        if pos == "VERB":
            return lemma.lower() not in self.lex.non_event_verbs
        if pos == "ADJ":
            return dep == "acomp"
        if pos == "NOUN":
            # what a subject undergoes is a happening when WordNet knows it as one
            if undergone and lemma.lower() in self.lex.event_noun_senses:
                return lemma.lower() not in self.lex.non_event_nouns
            return self._event_noun_lemma(lemma.lower())
        # a mis-tagged verb still governs its subject ("forces close in")
        return pos == "ADV" and governs_subject

    def modifies_noun(self, tok: Token) -> bool:
        """Tell whether a noun or verb only modifies a noun or stands for a preposition.

        The first part of a compound classifies its head ("a rescue plan"), a participle
        before a noun describes it ("the televised speech"), and "including", "following" or
        "given" are prepositions. A compound stays a trigger when it and its head may be a
        clause or a word of their own: a bare plural head whose lemma is a verb may be the
        verb the tagger read as a noun ("as battle rages"), and a particle joined by a hyphen
        makes a phrasal verb a noun ("a sell-off").
        """
        if tok.pos_ not in ("NOUN", "VERB") or tok.dep_ not in _MODIFIER_DEPS:
            return False
        if tok.dep_ == "prep":
            # "compared with", "according to" head a phrase of their own, and stay
            return not any(c.dep_ == "prep" for c in tok.children)
        if tok.dep_ != "compound":
            return True
        head = tok.head
        return not (
            self._happening_head(head)
            or self._bare_verb_plural(head)
            or self._hyphened_particle(tok, head)
        )

    def _happening_head(self, head: Token) -> bool:
        # two event nouns name one happening ("bankruptcy protection", "reduction measures")
        lemma = head.lemma_.lower()
        return (
            lemma in self.lex.plan_nouns
            or lemma in self.lex.shell_nouns
            or (head.pos_ == "NOUN" and self._event_noun_lemma(lemma))
        )

    def _bare_verb_plural(self, head: Token) -> bool:
        return (
            head.tag_ == "NNS"
            and head.lemma_.lower() in self.lex.verb_senses
            and not any(c.dep_ in ("det", "poss", "nummod", "amod") for c in head.children)
        )

    def _hyphened_particle(self, tok: Token, head: Token) -> bool:
        doc = tok.doc
        return (
            head.i == tok.i + 2
            and doc[tok.i + 1].text == "-"
            and head.lower_ in self.lex.event_particles
        )

    def is_event_noun(self, tok: Token) -> bool:
        """Tell whether a common noun names a happening: a listed noun or a nominalisation."""
        return self._event_noun_lemma(tok.lemma_.lower())

    def _event_noun_lemma(self, lemma: str) -> bool:
        if lemma in self.lex.non_event_nouns or lemma in self.lex.non_event_verbs:
            return False
        if lemma in self.lex.event_nouns or lemma in self.lex.event_types:
            return True
        if lemma in self.lex.eventive_nouns:
            return True
        return len(lemma) > 6 and lemma.endswith(self.lex.nominal_suffixes)

    def particles(self, tok: Token) -> list[Token]:
        """Return the particles right after a verb that belong to it ("run away", "called on")."""
        out: list[Token] = []
        nxt = tok.i + 1
        phrasal = self.lex.phrasal_cues.get(tok.lemma_.lower(), frozenset())
        # only right children can follow the word; a left one never stands at ``nxt``
        for child in sorted(tok.rights, key=lambda t: t.i):
            if child.i != nxt:
                continue
            lower = child.lower_
            particle = child.dep_ == "prt" or (
                child.dep_ == "advmod" and lower in self.lex.event_particles
            )
            phrasal_prep = child.dep_ == "prep" and (
                lower in phrasal or (tok.lemma_, lower) in self.lex.phrasal_event_types
            )
            if particle or phrasal_prep:
                out.append(child)
                nxt += 1
        return out

    def lemma(self, tok: Token) -> str:
        """Return a trigger's lemma: the verb a word set in capitals spells, or the model's."""
        return self.shouted_lemma(tok) or tok.lemma_.lower()

    def shouted_lemma(self, tok: Token) -> str | None:
        """Return the event verb a word in capitals spells ("ESCAPED" -> "escape"), if any.

        Taggers read a word set in capitals as a proper name, so "has ESCAPED Mosul" has no
        verb; the word's lower-case forms are looked up among the event lemmas instead.
        """
        return self._shouted(tok.text)

    def _shouted(self, text: str) -> str | None:
        if len(text) < 4 or not text.isalpha() or not text.isupper():
            return None
        word = text.lower()
        forms = [word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e"]
        return next((f for f in forms if f in self.lex.event_types), None)

    def predicate(self, tok: Token) -> Token:
        """Return the token whose dependents are a trigger's: for a shouted participle, its
        auxiliary ("has ESCAPED"), which the parser took for the verb."""
        head = tok.head
        if (
            self.shouted_lemma(tok) is not None
            and head.i != tok.i
            and head.lemma_ in ("have", "be")
        ):
            return head
        return tok

    def event_type(self, tok: Token, particles: list[Token] | None = None) -> str:
        """Return the event type of a trigger from the lexicon ("Other" when unknown);
        ``particles`` are the trigger's, when the caller has them already."""
        lemma = self.lemma(tok)
        for part in self.particles(tok) if particles is None else particles:
            phrasal = self.lex.phrasal_event_types.get((lemma, part.lower_))
            if phrasal:
                return phrasal
        by_object = self._type_by_object(tok, lemma)
        if by_object:
            return by_object
        entry = self.lex.entry_verbs.get(lemma)
        if entry is not None and self._enters_place(tok):
            return entry
        return self.lex.event_types.get(lemma, "Other")

    def _type_by_object(self, tok: Token, lemma: str) -> str | None:
        # the object may be mis-attached, so look at the next few words as well
        doc = tok.doc
        near = [doc[i] for i in range(tok.i + 1, min(tok.i + 4, len(doc)))]
        for obj in [c for c in tok.children if c.dep_ == "dobj"] + near:
            found = self.lex.verb_object_event_types.get((lemma, obj.lemma_.lower()))
            if found:
                return found
        return None

    def _enters_place(self, tok: Token) -> bool:
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        return any(
            o.lemma_.lower() in self.lex.place_nouns or o.ent_type_ in ("GPE", "LOC") for o in objs
        )
