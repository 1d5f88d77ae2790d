"""newskg: news articles in, a knowledge graph of who said what (and how sure) out."""

__version__ = "0.1.0"
