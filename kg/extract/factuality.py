"""Factuality of a predicate: tokens of a parsed Doc -> certainty, polarity and hedge spans.

The assessment reads the predicate's own modifiers (adverbs, adjectives, modals, negation,
conditional markers, a question mark) and climbs through the predicates that govern it ("seemed
to", "is expected to", "rumours that", "failed to", "barred from", "without") until it reaches a
verb of saying, whose subject is then the source of the claim, or the edge of ``scope``. The
aims of actions are hedged on the way: purpose clauses ("went on television to appease") and
what is asked for ("filed for bankruptcy"). ``docs/factuality.md`` lists the markers.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.clause_marks import (
    RANK,
    Assessment,
    Found,
    conjunct_governor,
    feared_noun,
    has_subject,
    hedge_purpose,
    in_scope,
    is_hypothetical,
    is_negated,
    mark_mood,
    passive_permission,
    weakest,
)
from kg.extract.lexicon import Lexicon
from kg.extract.spans import token_span, tokens_span
from kg.extract.token_table import token_table
from kg.model import Certainty, Span

# dependents that share their governor's clause: its modals and negation apply to them
_SAME_CLAUSE = frozenset({"attr", "acomp", "oprd"})
_MAX_STEPS = 6
# the links from a clause up to the clause it is part of, within one condition ("if there came
# a day when I could no longer meet"): a relative clause, the noun it describes, a conjunct
_CONDITION_STEPS = frozenset({"relcl", "npadvmod", "conj", "dobj", "nsubj", "attr"})
# the dependents that may hedge a predicate (``_adverb``; "aux" for ``_modal``, "mark" for
# ``_condition``), or negate it (``_negation``); the others are not looked at
_ADVERB_DEPS = frozenset({"advmod", "npadvmod", "amod"})
_NEGATING_DEPS = frozenset({"neg", "det", "amod", "compound", "nsubj", "nsubjpass", "advmod"})
_MARKING_DEPS = _ADVERB_DEPS | _NEGATING_DEPS | {"aux", "mark"}


class Factuality:
    """Assess predicates with one lexicon of hedges, modals and source-introducing predicates."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex

    def assess(self, target: Token | DocSpan, doc: Doc, scope: Span | None = None) -> Assessment:
        """Return the certainty, polarity and hedges of the predicate ``target`` heads."""
        head = target if isinstance(target, Token) else target.root
        found = Found()
        node: Token | None = head
        steps = 0
        while node is not None and steps < _MAX_STEPS:
            self._local(node, found, first=steps == 0)
            mark_mood(node, found, scope)
            self._conditional_phrase(node, found)
            node = self._governor(node, found, scope)
            steps += 1
        return found.result()

    def _local(self, node: Token, found: Found, first: bool) -> None:
        """Read the hedges, negation and conditions among one predicate's dependents."""
        doc = node.doc
        words = token_table(doc)
        deps = words.dep
        for i in words.children[node.i]:
            dep = deps[i]
            if dep not in _MARKING_DEPS:
                continue
            child = doc[i]
            if dep in _ADVERB_DEPS:
                self._adverb(child, found)
            elif dep == "aux":
                self._modal(child, found)
            elif dep == "mark":
                self._condition(node, child, found)
            if first and dep in _NEGATING_DEPS:
                self._negation(child, found)

    def _adverb(self, child: Token, found: Found) -> None:
        level = self.lex.hedge_adverbs.get(child.lower_)
        if level is None and child.dep_ == "amod" and child.head.pos_ in ("NOUN", "PROPN"):
            level = self.lex.hedge_adjectives.get(child.lower_)  # "a possible strike"
        if level is None or child.dep_ not in ("advmod", "npadvmod", "amod"):
            return
        mods = [t for t in child.children if t.dep_ == "advmod" and t.i == child.i - 1]
        found.hedge(level, tokens_span([*mods, child]))

    def _modal(self, child: Token, found: Found) -> None:
        if child.dep_ != "aux" or child.tag_ != "MD":
            return
        level = self.lex.modals.get(child.lower_)
        supposed = self.lex.hypothetical_modals.get(child.lower_)
        if level is not None:
            found.hedge(level, token_span(child))
        elif supposed is not None and is_hypothetical(child):
            found.suppose(supposed, token_span(child))

    def _is_condition(self, child: Token) -> bool:
        """Tell whether a dependent marks its clause as a condition ("if", "unless")."""
        return child.dep_ == "mark" and child.lower_ in self.lex.conditional_markers

    def _condition(self, node: Token, child: Token, found: Found) -> None:
        if not self._is_condition(child):
            return
        fear = feared_noun(node) if child.lower_ == "whether" else None
        level = self._noun_level(fear) if fear is not None else None
        if fear is not None and level is not None:
            # "worries over whether GM will survive": the worry, not an open question, says how
            # sure the source is
            found.hedge(level, token_span(fear))
        else:
            found.leave_open(token_span(child))

    def _conditional_phrase(self, node: Token, found: Found) -> None:
        """Leave open a clause or event noun after "provided that", "in the event of"."""
        if node.pos_ in ("VERB", "AUX"):
            if not has_subject(node):
                return  # "the bank provided the loan": a verb, not a condition
            kind = "clause"
        elif node.pos_ == "NOUN":
            kind = "noun"
        else:
            return
        # the first word of the subtree that is not the node's own marker: the first the
        # subtree yields, unless that is the marker (then read lazily: the subtree of a
        # governor near the root is the whole sentence)
        table = token_table(node.doc)
        start = table.first_of_subtree(node.i)
        if table.dep[start] == "mark" and table.head[start] == node.i:
            words = (t for t in node.subtree if not (t.dep_ == "mark" and t.head.i == node.i))
            first = next(words, None)
            start = first.i if first is not None else node.i
        last = table.lower[start - 1] if start > 0 else ""
        if last.split() == [last] and last not in self.lex.conditional_phrase_ends.get(kind, ()):
            # a phrase before the node ends in the word just before it (a word with no blank
            # in it): most words end no phrase, told without reading the sentence
            return
        before = node.doc[max(start - 4, node.sent.start) : start]
        text = " ".join(t.lower_ for t in before)
        for phrase, phrase_kind in self.lex.conditional_phrases.items():
            if phrase_kind == kind and (text == phrase or text.endswith(" " + phrase)):
                found.leave_open(tokens_span(list(before[-len(phrase.split()) :])))
                return

    def _negation(self, child: Token, found: Found) -> None:
        negator = child.dep_ == "neg" or self._negative_determiner(child)
        modifier = child.dep_ in ("amod", "compound")
        cancelled = modifier and child.lemma_.lower() in self.lex.negating_modifiers
        if negator or cancelled or self._negative_subject(child) or self._negated_adverb(child):
            found.negative = True

    def _negative_determiner(self, tok: Token) -> bool:
        return tok.dep_ == "det" and tok.lower_ in self.lex.negation("determiner")

    def _negative_subject(self, child: Token) -> bool:
        """Tell whether a subject denies its predicate ("nobody was hurt", "no one survived")."""
        if child.dep_ not in ("nsubj", "nsubjpass"):
            return False
        pronoun = child.lower_ in self.lex.negation("pronoun")
        return pronoun or any(self._negative_determiner(c) for c in child.children)

    def _negated_adverb(self, child: Token) -> bool:
        """Tell whether an adverb carries the clause's negation ("could no longer meet")."""
        if child.dep_ != "advmod" or child.lower_ not in self.lex.negation("adverb"):
            return False
        return any(c.dep_ == "neg" or c.lower_ == "no" for c in child.children)

    def _governor(self, node: Token, found: Found, scope: Span | None) -> Token | None:
        """Apply what the governing predicate says about ``node``; return it to go on, or None."""
        gov = node.head
        if gov.i == node.i or not in_scope(gov, scope):
            return None
        dep = node.dep_
        if dep in _SAME_CLAUSE:
            self._same_clause(gov, found)
            return gov
        if dep == "xcomp":
            return self._raising(gov, node, found)
        if dep == "ccomp":
            return self._clausal(gov, found)
        if dep == "conj":
            return conjunct_governor(node, gov, scope)
        if dep == "relcl" and gov.pos_ in ("NOUN", "PROPN", "PRON"):
            # a relative clause is as sure as the noun it describes: "if there came a day when
            # I could no longer meet", "fears of a recession that would hit jobs"
            return gov
        if dep == "advcl" and self._purpose_clause(node):
            # "went on television to appease the public", "sued so that it would stop": the aim
            # of an action, not something reported as done
            found.hedge("POSSIBLE", self._purpose_marker(node))
            return None
        if dep == "acl" and self._purpose_phrase(gov):
            found.leave_open(token_span(gov))
            return None
        if dep == "acl" and self._undone(gov):
            # "a plan to bail out … failed to pass", "the cancelled deal to lease …"
            found.negative = not found.negative
        if dep == "acl" and gov.lemma_.lower() in self.lex.intent_nouns:
            hedge_purpose(node, found)
            return None
        if dep == "dobj" and self._prevents(gov):
            found.negative = not found.negative
            return None
        if dep == "compound" and node.pos_ == "NOUN" and gov.lemma_.lower() in self.lex.plan_nouns:
            # "a reorganization plan": the reorganization is planned, not reported as done
            found.leave_open(token_span(gov))
            return None
        if dep in ("dobj", "nsubjpass") and node.pos_ == "NOUN" and self._cancels(gov):
            # "the deal had been killed", "scrapped the merger": called off, so it did not happen
            found.negative = not found.negative
        if dep in ("nsubj", "nsubjpass") and node.pos_ == "NOUN":
            # an event noun as subject stands or falls with its predicate ("should be completed"),
            # and is as sure as a raising predicate makes it ("the deliveries are expected to …")
            level = self.lex.raising_predicates.get(gov.lemma_.lower())
            if level is not None and any(c.dep_ == "xcomp" for c in gov.children):
                found.hedge(level, token_span(gov))
            return gov
        if dep in ("dobj", "npadvmod") and node.pos_ == "NOUN":
            # an event noun shares the modals of the verb that has it ("may have an impact"), not
            # what governs that verb ("efforts to ease the effect" leave the effect real)
            self._local(gov, found, first=False)
            self._in_condition(gov, found)
            self._intended(node, gov, found)
            if gov.lemma_.lower() in self.lex.light_verbs and is_negated(gov):
                # "did not make a decision", "held no talks": no decision was made
                found.negative = not found.negative
            return None
        if dep in ("pobj", "pcomp") and gov.lower_ in self.lex.negation("preposition"):
            # "left without paying", "ended without a deal"
            found.negative = not found.negative
            return None
        if dep in ("pobj", "pcomp") and gov.lower_ == "from" and self._prevents(gov.head):
            # "barred Boeing from bidding", "prevented them from leaving"
            found.negative = not found.negative
            return None
        if self._denied_by_noun(node, gov):
            # "the failure to pay", "a lack of investment"
            found.negative = not found.negative
            return None
        if dep == "pobj" and self._sought(gov):
            # "filed for bankruptcy protection", "called for an inquiry": the goal of a request
            found.leave_open(tokens_span([gov.head, gov]))
            return None
        if dep == "pobj":
            self._hedge_noun(gov.head, found)
        return None

    def _in_condition(self, verb: Token, found: Found) -> None:
        """Leave the certainty of an event noun open when its verb's clause is the condition of
        another ("if there came a day when I could no longer meet my duties"): how sure the
        source is of what a condition names is not said, though what it names is not denied
        (its polarity stands); the clause's other governors are not read."""
        node = verb
        for _ in range(_MAX_STEPS):
            marker = next((c for c in node.children if self._is_condition(c)), None)
            if marker is not None:
                found.hedge("UNDERSPECIFIED", token_span(marker))
                return
            if node.dep_ not in _CONDITION_STEPS or node.head.i == node.i:
                return
            node = node.head

    def _denied_by_noun(self, node: Token, gov: Token) -> bool:
        """Tell whether ``node`` completes a noun of denial ("failure to pay", "lack of funds")."""
        if node.dep_ == "acl":
            noun = gov
        elif node.dep_ == "pobj" and gov.lower_ == "of":
            noun = gov.head
        else:
            return False
        return noun.pos_ == "NOUN" and noun.lemma_.lower() in self.lex.negation("noun")

    def _same_clause(self, gov: Token, found: Found) -> None:
        for child in gov.children:
            self._negation(child, found)

    def _raising(self, gov: Token, node: Token, found: Found) -> Token | None:
        """Handle ``gov to node``: "seemed to", "failed to", "is expected to"."""
        lemma = gov.lemma_.lower()
        if lemma in self.lex.negating_governors:
            found.negative = not found.negative
        elif lemma in self.lex.volitional_predicates:
            found.leave_open(token_span(gov))
            return None
        elif self._unexpected(gov):
            return gov
        elif lemma in self.lex.doubting_predicates:
            self._doubt(gov, node, found)
        elif lemma in self.lex.raising_predicates:
            to = [t for t in node.children if t.dep_ == "aux" and t.lower_ == "to"]
            found.hedge(self.lex.raising_predicates[lemma], tokens_span([gov, *to]))
        elif lemma in self.lex.permission_verbs and passive_permission(gov):
            found.hedge("POSSIBLE", token_span(gov))
        if any(c.dep_ == "neg" for c in gov.children):
            found.negative = not found.negative
        return gov

    def _clausal(self, gov: Token, found: Found) -> Token | None:
        """Handle ``gov that node``: stop at a verb of saying, hedge at "believe", "rumours"."""
        lemma = gov.lemma_.lower()
        subjects = [c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")]
        for subj in subjects:
            level = self._noun_level(subj)
            if level is not None:
                found.hedge(level, token_span(subj))
        if lemma in self.lex.negating_governors:
            found.negative = not found.negative
            return None
        if lemma in self.lex.factive_predicates:
            return None
        if lemma in self.lex.speech_verbs and is_negated(gov):
            # "did not say whether/where …": the source commits to nothing
            found.leave_open(token_span(gov))
            return None
        if lemma in self.lex.speech_verbs and subjects:
            return None
        if self._unexpected(gov):
            return gov  # "we did not expect it to be so strong": it was, against expectation
        if lemma in self.lex.doubting_predicates:
            self._doubt(gov, None, found)
            return gov
        if lemma in self.lex.raising_predicates:
            found.hedge(self.lex.raising_predicates[lemma], token_span(gov))
        return gov

    def _doubt(self, gov: Token, node: Token | None, found: Found) -> None:
        """Hedge and deny what a source holds unlikely ("unlikely to recover", "doubts that")."""
        to = [t for t in node.children if t.dep_ == "aux" and t.lower_ == "to"] if node else []
        found.hedge(self.lex.doubting_predicates[gov.lemma_.lower()], tokens_span([gov, *to]))
        found.negative = not found.negative

    def _unexpected(self, gov: Token) -> bool:
        """Tell whether an active expectation verb is negated in the past ("did not expect").

        Denying that one expected something reports it as having happened, not as likely.
        """
        if gov.lemma_.lower() not in self.lex.expecting_verbs or not is_negated(gov):
            return False
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in gov.children):
            return False
        return gov.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in gov.children)

    def _undone(self, noun: Token) -> bool:
        """Tell whether a plan or deal named by ``noun`` was called off or failed."""
        if noun.pos_ not in ("NOUN", "PROPN"):
            return False
        cancelled = any(
            c.dep_ in ("amod", "compound") and c.lemma_.lower() in self.lex.negating_modifiers
            for c in noun.children
        )
        subject = noun.dep_ in ("nsubj", "nsubjpass")
        failed = subject and noun.head.lemma_.lower() in self.lex.negating_governors
        return cancelled or (failed and not is_negated(noun.head))

    def _intended(self, noun: Token, verb: Token, found: Found) -> None:
        """Hedge the object of "expect", "fear", "want": an event looked for, not one that was."""
        level = self.lex.intensional_verbs.get(verb.lemma_.lower())
        if level is None or verb.pos_ != "VERB" or is_negated(verb):
            return
        lemma = noun.lemma_.lower()
        if lemma in self.lex.plan_nouns or lemma in self.lex.intent_nouns:
            return  # "proposed a plan": the plan is real, what it plans is read from it
        if self._noun_level(noun) is not None:
            return  # "considering the possibility": the noun hedges what it governs
        if level == "UNDERSPECIFIED":
            found.leave_open(token_span(verb))
        else:
            found.hedge(level, token_span(verb))

    def _prevents(self, verb: Token) -> bool:
        return verb.lemma_.lower() in self.lex.preventing_verbs and not is_negated(verb)

    def _cancels(self, verb: Token) -> bool:
        return verb.lemma_.lower() in self.lex.cancelling_verbs and not is_negated(verb)

    def _sought(self, prep: Token) -> bool:
        """Tell whether a preposition is the "for" of a verb of asking ("apply for", "file for")."""
        verb = prep.head
        return (
            prep.lower_ == "for"
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in self.lex.seeking_verbs
        )

    def _purpose_clause(self, verb: Token) -> bool:
        """Tell whether an adverbial clause states its governor's aim ("to appease", "so that")."""
        marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
        if {"so", "that"} <= marks:
            return True
        to = [c for c in verb.children if c.dep_ == "aux" and c.tag_ == "TO"]
        if not to or marks - {"for"} or verb.lemma_.lower() in self.lex.result_verbs:
            return False
        # "only to fall back", "strong enough to win": a result, not an aim
        before = verb.doc[to[0].i - 1] if to[0].i > 0 else None
        return before is None or before.lower_ not in self.lex.result_links

    def _purpose_marker(self, verb: Token) -> Span:
        """Return the span of "to" or "so that" opening a purpose clause."""
        marks = [
            c
            for c in verb.children
            if c.dep_ in ("mark", "aux") and c.lower_ in self.lex.purpose_marks
        ]
        return tokens_span(sorted(marks, key=lambda t: t.i)) if marks else token_span(verb)

    def _hedge_noun(self, noun: Token, found: Found) -> None:
        """Hedge an event named inside "rumours of …", "fears of …"."""
        level = self._noun_level(noun)
        if level is not None and noun.pos_ in ("NOUN", "PROPN"):
            found.hedge(level, token_span(noun))

    def _noun_level(self, noun: Token) -> Certainty | None:
        # a sentence-initial plural is sometimes tagged as a name and keeps its "s"
        lower = noun.lower_
        for key in (noun.lemma_.lower(), lower, lower[:-1] if lower.endswith("s") else lower):
            if key in self.lex.hedge_nouns:
                return self.lex.hedge_nouns[key]
        return None

    def _purpose_phrase(self, noun: Token) -> bool:
        """Tell whether a noun is "order" of "in order to" (or "as" of "so as to")."""
        before = noun.doc[noun.i - 1] if noun.i > 0 else None
        fixed = before is not None and before.lower_ in ("in", "so")
        return fixed and noun.lower_ in self.lex.purpose_phrase_nouns


__all__ = ["RANK", "Assessment", "Factuality", "weakest"]
