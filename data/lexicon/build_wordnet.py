"""Write lists from Princeton WordNet 3.0: the verbs event nouns derive from, verb and noun senses.

    apt-get install wordnet-base            # WordNet 3.0 database files in /usr/share/wordnet
    python data/lexicon/build_wordnet.py [WORDNET_DIR]

Reads the noun and verb data files directly (their format is documented in WordNet's
wndb(5WN)) and keeps, for every noun sense of a kind that names a happening (acts, events,
processes, phenomena, communication), the verbs WordNet relates to it as derivationally
related forms ("flight" -> "flee", "arrest" -> "arrest"). Runs only when the list is renewed;
It also writes verb_senses.tsv: the first two senses (synsets, most frequent first) of every
one-word verb, so that verbs sharing one ("buy", "purchase") may name one happening, and
event_noun_senses.tsv: the senses of every one-word event noun that name happenings, each
with the senses directly above it (hypernyms), so that "the settlement" may take up "an
agreement" and "the dispute" "the controversy"; and eventive_nouns.tsv: the nouns whose most
frequent senses all name happenings ("search", "recovery"), event triggers however they end.
newskg reads the TSV files it writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# lexicographer files of noun senses that name happenings (lexnames(5WN))
EVENT_FILES = {"04": "noun.act", "11": "noun.event", "22": "noun.process", "19": "noun.phenomenon"}
EVENT_FILES |= {"10": "noun.communication"}
LICENCE = """\
# licence: WordNet 3.0 licence: "Permission to use, copy, modify and distribute this software and
#   database and its documentation for any purpose and without fee or royalty is hereby granted,
#   provided that you agree to comply with the following copyright notice and statements,
#   including the disclaimer, and that the same appear on ALL copies of the software, database
#   and documentation, including modifications that you make for internal use or for
#   distribution. WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved.
#   THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
#   REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. BY WAY OF EXAMPLE, BUT NOT LIMITATION,
#   PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANT- ABILITY OR FITNESS
#   FOR ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR
#   DOCUMENTATION WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER
#   RIGHTS. The name of Princeton University or Princeton may not be used in advertising or
#   publicity pertaining to distribution of the software and/or database. Title to copyright
#   in this software, database and any associated documentation shall at all times remain with
#   Princeton University and LICENSEE agrees to preserve same."
"""
SENSES_HEADER = """\
# Senses of verbs
# The first two senses of each one-word verb in WordNet (synset offsets, most frequent sense
# first): two verbs that share one ("buy", "purchase"; "settle", "resolve") may name one
# happening.
# source: Princeton WordNet 3.0 (Debian package wordnet-base), written by build_wordnet.py
""" + LICENCE + "verb\tsense\n"
HEADER = """\
# Verbs of event nouns
# For each noun that names a happening in WordNet (senses in noun.act, noun.event, noun.process,
# noun.phenomenon, noun.communication), the verbs WordNet gives as its derivationally related
# forms ("flight" -> "flee"): mentions of the noun and the verb may be one happening.
# source: Princeton WordNet 3.0 (Debian package wordnet-base), written by build_wordnet.py
""" + LICENCE + """noun\tverb
"""


def synsets(path: Path) -> dict[str, tuple[str, list[str], list[tuple[str, str, str, str]]]]:
    """Return offset -> (lexicographer file, words, pointers) of a WordNet data file."""
    found = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue  # the licence at the top of the file
        fields = line.split(" | ", 1)[0].split()
        offset, lexfile, count = fields[0], fields[1], int(fields[3], 16)
        words = [fields[4 + 2 * i].lower() for i in range(count)]
        at = 4 + 2 * count
        pointers = [tuple(fields[at + 1 + 4 * i : at + 5 + 4 * i]) for i in range(int(fields[at]))]
        found[offset] = (lexfile, words, pointers)  # type: ignore[assignment]
    return found


NOUN_SENSES_HEADER = """\
# Senses of event nouns
# The senses (synset offsets, most frequent first, at most four) of each one-word noun that name
# happenings (noun.act, noun.event, noun.process, noun.phenomenon, noun.communication), each
# with a sense directly above it (its hypernym; "-" for none): a definite noun whose sense is
# another's, or is directly above or below it ("the settlement", "an agreement"), may take it up.
# source: Princeton WordNet 3.0 (Debian package wordnet-base), written by build_wordnet.py
""" + LICENCE + "noun\tsense\tbroader\n"


def noun_senses(folder: Path, senses: int = 4) -> list[tuple[str, str, str]]:
    """Return (noun, synset offset, hypernym offset or "-") for the event senses of every
    one-word noun, among its first ``senses`` senses."""
    nouns = synsets(folder / "data.noun")
    rows = []
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top of the file
        fields = line.split()
        lemma, pointer_count = fields[0], int(fields[3])
        if "_" in lemma:
            continue
        for offset in fields[6 + pointer_count :][:senses]:
            lexfile, _, pointers = nouns[offset]
            if lexfile not in EVENT_FILES:
                continue
            above = [target for symbol, target, pos, _ in pointers if symbol == "@" and pos == "n"]
            rows += [(lemma, offset, hypernym) for hypernym in above or ["-"]]
    return rows


EVENTIVE_HEADER = """\
# Eventive nouns
# One-word nouns whose first two senses in WordNet (the most frequent; the only one of a noun
# with one) both name happenings (noun.act, noun.event, noun.process, noun.phenomenon): "a
# search", "the recovery", "a compromise" are event mentions however they end.
# source: Princeton WordNet 3.0 (Debian package wordnet-base), written by build_wordnet.py
""" + LICENCE + "lemma\n"
# the lexicographer files of happenings proper: what is said (noun.communication) is left out,
# for most such nouns name a text or a medium ("a letter", "the video")
HAPPENING_FILES = {"04", "11", "22", "19"}


def eventive_nouns(folder: Path, senses: int = 2) -> list[str]:
    """Return the one-word nouns whose first ``senses`` senses all name happenings."""
    nouns = synsets(folder / "data.noun")
    out = []
    for line in (folder / "index.noun").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top of the file
        fields = line.split()
        lemma, pointer_count = fields[0], int(fields[3])
        first = fields[6 + pointer_count :][:senses]
        if "_" not in lemma and all(nouns[o][0] in HAPPENING_FILES for o in first):
            out.append(lemma)
    return out


def derivations(folder: Path) -> set[tuple[str, str]]:
    """Return (noun, verb) pairs: event nouns and the verbs they derive from."""
    nouns, verbs = synsets(folder / "data.noun"), synsets(folder / "data.verb")
    pairs = set()
    for lexfile, words, pointers in nouns.values():
        if lexfile not in EVENT_FILES:
            continue
        for symbol, target, pos, source_target in pointers:
            if symbol != "+" or pos != "v" or target not in verbs:
                continue
            source, goal = int(source_target[:2], 16), int(source_target[2:], 16)
            noun, verb = words[source - 1], verbs[target][1][goal - 1]
            if "_" not in noun and "_" not in verb and noun != verb:
                pairs.add((noun, verb))
    return pairs


def verb_senses(folder: Path, senses: int = 2) -> list[tuple[str, str]]:
    """Return (verb, synset offset) for the first senses of every one-word verb."""
    rows = []
    for line in (folder / "index.verb").read_text(encoding="latin-1").splitlines():
        if line.startswith(" "):
            continue  # the licence at the top of the file
        fields = line.split()
        lemma, pointer_count = fields[0], int(fields[3])
        if "_" not in lemma:
            offsets = fields[6 + pointer_count :]
            rows += [(lemma, offset) for offset in offsets[:senses]]
    return rows


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet")
    rows = sorted(derivations(folder))
    out = HERE / "event_derivations.tsv"
    out.write_text(HEADER + "".join(f"{n}\t{v}\n" for n, v in rows), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {out}")
    senses = verb_senses(folder)
    out = HERE / "verb_senses.tsv"
    out.write_text(SENSES_HEADER + "".join(f"{v}\t{o}\n" for v, o in senses), encoding="utf-8")
    print(f"wrote {len(senses)} rows to {out}")
    rows3 = noun_senses(folder)
    out = HERE / "event_noun_senses.tsv"
    body = "".join(f"{n}\t{o}\t{b}\n" for n, o, b in rows3)
    out.write_text(NOUN_SENSES_HEADER + body, encoding="utf-8")
    print(f"wrote {len(rows3)} rows to {out}")
    eventive = eventive_nouns(folder)
    out = HERE / "eventive_nouns.tsv"
    out.write_text(EVENTIVE_HEADER + "".join(f"{n}\n" for n in eventive), encoding="utf-8")
    print(f"wrote {len(eventive)} rows to {out}")


if __name__ == "__main__":
    main()
