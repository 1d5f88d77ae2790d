import pytest

from kg.errors import KgError
from kg.model import GraphData
from kg.validate import ENGINES, Validator


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    "line",
    [
        b"<urn:a> <urn:p> <no-scheme> .\n",  # a relative IRI
        b"<urn:a> <urn:p> <http://x/%zz> .\n",  # a broken percent-encoding
        b'<urn:a> <urn:p> "x"@1-bad .\n',  # a language tag that starts with a digit
    ],
)
def test_both_engines_refuse_ntriples_a_strict_parser_refuses(engine, line):
    with pytest.raises(KgError, match="urn:g: cannot validate"):
        Validator(engine=engine).validate_data(GraphData("urn:g", line))
