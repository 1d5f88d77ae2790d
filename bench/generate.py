"""Generate a deterministic benchmark corpus (JSON Lines) from the bundled articles.

Each article recombines sentences of data/articles and of the templates below, with people,
places, organisations, days and numbers renamed by a seeded random generator, so the same
seed and count give the same corpus byte for byte.

    python bench/generate.py --count 10000 --seed 7 --out bench/corpus-10k.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEOPLE = [
    "Abu Bakr al-Baghdadi", "Boris Johnson", "Angela Merkel", "Barack Obama", "Haider al-Abadi",
    "Masoud Barzani", "Vladimir Putin", "Recep Tayyip Erdogan", "Bashar al-Assad",
    "Francois Hollande", "Theresa May", "Ban Ki-moon", "John Kerry", "Sergei Lavrov",
    "Hassan Rouhani", "Mohammed bin Salman", "Ashton Carter", "Jens Stoltenberg",
]  # fmt: skip
PLACES = [
    "Mosul", "Baghdad", "Raqqa", "Aleppo", "Damascus", "Kirkuk", "Erbil", "Fallujah", "Tikrit",
    "Ramadi", "Ankara", "Tehran", "Beirut", "Amman", "Cairo", "London", "Paris", "Berlin",
    "Moscow", "Washington", "Nineveh", "Syria", "Iraq", "Turkey", "Iran", "Jordan",
]  # fmt: skip
ORGS = [
    "the Islamic State group", "the Iraqi army", "the Kurdish Peshmerga", "the United Nations",
    "NATO", "the European Union", "the Red Cross", "the US State Department",
    "the British Embassy", "Amnesty International", "the Syrian government", "Reuters",
]  # fmt: skip
PUBLISHERS = [
    "The New Arab", "Example News", "Daily Courier", "The Evening Ledger", "Global Wire",
    "Morning Herald", "The Observer Desk", "Regional Times",
]  # fmt: skip
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "{P1} said on {D} that {O1} would not retreat from {L1}.",
    "{O1} reportedly captured {L1} after a week of fighting, officials said.",
    "According to {O2}, {N} fighters fled {L1} on {D}.",
    '"We will defend {L1} until the end," {P1} told reporters in {L2}.',
    "{P2} met {P1} in {L2} on {D} to discuss the offensive.",
    "Rumours persist that {P1} has left {L1}, but {O2} could not confirm it.",
    "{O1} may have withdrawn {N} soldiers from {L1}, a source said.",
    "{P2} denied that {O1} had attacked {L2}.",
    "The battle for {L1} could last months, {P2} warned on {D}.",
    "Thousands of civilians fled {L1} as {O1} advanced from {L2}.",
    "{P1} is most likely hiding near {L2}, according to {O2}.",
    "On {D}, {O2} said that {N} people had been killed in {L1}.",
]
SEED_NAMES = {
    "Abu Bakr al-Baghdadi": "P1", "Abubakr al-Baghdadi": "P1", "Baghdadi": "P1",
    "Boris Johnson": "P2", "Mosul": "L1", "Baghdad": "L2", "Nineveh": "L2",
    "Thursday": "D",
}  # fmt: skip


def seed_sentences() -> list[str]:
    """Return the sentences of the bundled articles with their names turned into slots."""
    sentences = []
    for path in sorted((ROOT / "data" / "articles").glob("*.txt")):
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        for raw in re.split(r"(?<=[.!?\"])\s+(?=[A-Z\"])", body):
            sentence = " ".join(raw.split())
            if 40 <= len(sentence) <= 220:
                sentences.append(_slots(sentence))
    return sentences


def _slots(sentence: str) -> str:
    for name in sorted(SEED_NAMES, key=len, reverse=True):
        sentence = sentence.replace(name, "{" + SEED_NAMES[name] + "}")
    return sentence.replace("{{", "{").replace("}}", "}")


def article(rng: random.Random, number: int, pool: list[str]) -> dict[str, str]:
    """Return one generated article record."""
    slots = {
        "P1": rng.choice(PEOPLE), "P2": rng.choice(PEOPLE), "L1": rng.choice(PLACES),
        "L2": rng.choice(PLACES), "O1": rng.choice(ORGS), "O2": rng.choice(ORGS),
        "D": rng.choice(DAYS), "N": f"{rng.randrange(2, 60) * 100:,}",
    }  # fmt: skip
    chosen = rng.sample(pool, 1)
    text = " ".join(_fill(s, slots) for s in chosen)
    text = text[0].upper() + text[1:]
    year, month, day = rng.randrange(2012, 2020), rng.randrange(1, 13), rng.randrange(1, 29)
    return {
        "id": f"bench-{number:06d}",
        "headline": text.split(".")[0][:90],
        "datePublished": f"{year}-{month:02d}-{day:02d}",
        "publisher": rng.choice(PUBLISHERS),
        "text": text,
    }


def _fill(sentence: str, slots: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: slots.get(m.group(1), m.group(0)), sentence)


def main() -> None:
    """Write the corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pool = TEMPLATES + seed_sentences()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as f:
        for number in range(args.count):
            f.write(json.dumps(article(rng, number, pool), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
