"""Write a corpus of real-length news (JSON Lines): gold articles repeated under new ids.

    python bench/real.py ../shared/eval/meantime-dev --count 600 --out /tmp/real-600.jsonl

Reads the evaluation's gold JSON files (``id``, ``text``, ``title``, ``date``, ``url``), 60
Wikinews articles of about 1,800 characters in meantime-dev, and writes them in the order of
their file names, again and again, each copy under a new id (``<id>-r<round>``), until
``count`` articles are written. Only the article fields are kept, not the annotations.
"""

from __future__ import annotations

import argparse
import json
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "eval" / "meantime-dev"


def gold_articles(folder: Path) -> list[dict[str, str]]:
    """Return the articles of a folder of gold files, by file name."""
    articles = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        articles.append(
            {
                "id": gold["id"],
                "text": gold["text"],
                "headline": gold.get("title", ""),
                "datePublished": gold.get("date", ""),
                "url": gold.get("url", ""),
            }
        )
    return articles


def write_corpus(folder: Path, count: int, out: Path) -> Path:
    """Write ``count`` articles of ``folder``, repeated under new ids, as JSON Lines."""
    articles = gold_articles(folder)
    if not articles:
        raise SystemExit(f"no gold articles (*.json) in {folder}")
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as f:
        for n, article in enumerate(islice(cycle(articles), count)):
            copy = {**article, "id": f"{article['id']}-r{n // len(articles)}"}
            f.write(json.dumps(copy, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=DEFAULT)
    parser.add_argument("--count", type=int, default=600)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write_corpus(args.folder, args.count, args.out)


if __name__ == "__main__":
    main()
