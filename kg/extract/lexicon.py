"""Word lists for reported speech, events and factuality: lemma -> class.

Lemmas are lower-case spaCy lemmas. The lists hold general English news vocabulary; they are
data, kept apart from the logic that reads them.
"""

from __future__ import annotations

from kg.model import Certainty


def words(text: str) -> frozenset[str]:
    """Return the set of white-space separated words in ``text``."""
    return frozenset(text.split())


def _levels(**groups: str) -> dict[str, Certainty]:
    out: dict[str, Certainty] = {}
    for level, text in groups.items():
        out.update(dict.fromkeys(text.split(), level))  # type: ignore[arg-type]
    return out


def _types(**groups: str) -> dict[str, str]:
    return {word: etype for etype, text in groups.items() for word in text.split()}


# -- reported speech -------------------------------------------------------------------------

SPEECH_VERBS = words(
    """say tell confirm reveal announce state add claim insist deny warn report explain note
    declare argue suggest write tweet post ask urge call admit acknowledge estimate predict
    promise threaten accuse allege describe comment reply respond quote stress emphasise
    emphasize indicate assert concede disclose maintain vow pledge order command recommend
    complain boast mention remark caution counter"""
)

# cue verbs that take their addressee before the reported content ("told his followers to …")
ADDRESSEE_VERBS = words("tell urge ask order command warn call")

# "X called on Y to …": the particle belongs to the cue
PHRASAL_CUES: dict[str, frozenset[str]] = {"call": words("on upon for"), "point": words("out")}

# nouns naming the medium of a statement
MEDIA = words(
    """tweet statement message interview email e-mail letter video post speech broadcast
    recording communique communiqué release conference address announcement podcast blog"""
)

# a voice "said to be X": the identity of the speaker is hedged
IDENTITY_HEDGES = words("say believe think claim report purport")

# -- events ----------------------------------------------------------------------------------

EVENT_TYPES: dict[str, str] = _types(
    Movement="move travel arrive leave return go come visit march",
    Flee="flee escape abscond evacuate defect flight exodus evacuation retreat withdrawal",
    MilitaryOffensive="offensive invade invasion wage advance push storm raid incursion assault",
    Battle="battle fight fighting clash combat war skirmish",
    Attack="attack bomb bombing strike shell shelling ambush airstrike",
    Capture="capture seize seizure retake recapture occupy liberate",
    Siege="besiege siege blockade encircle surround",
    Demolish="demolish destroy raze destruction demolition",
    Deploy="deploy deployment station place position",
    Killing="kill killing murder execute execution assassinate massacre",
    Death="die death",
    Injury="injure wound injury hurt",
    Arrest="arrest detain detention",
    Trial="trial sue lawsuit convict sentence prosecute hearing",
    Election="election elect vote ballot referendum poll",
    Meeting="meeting meet summit talk talks negotiation negotiate",
    Agreement="deal agreement agree sign settlement treaty contract accord ceasefire",
    Transaction="buy sell purchase sale pay lease acquire acquisition order loan invest",
    Production="produce production manufacture build",
    Change="change increase decrease rise fall drop cut decline grow gain lose loss surge",
    Declaration="declare declaration proclaim proclamation",
    Publication="release publish publication broadcast air",
    Statement="""say tell confirm reveal announce state claim insist deny warn report explain
        call urge ask admit acknowledge statement tweet message speech interview command
        announcement remark comment""",
)

# phrasal verbs whose type differs from the bare verb: (lemma, particle) -> type
PHRASAL_TYPES: dict[tuple[str, str], str] = {
    ("run", "away"): "Flee",
    ("run", "off"): "Flee",
    ("get", "away"): "Flee",
    ("pull", "out"): "Flee",
    ("close", "in"): "MilitaryOffensive",
    ("push", "into"): "MilitaryOffensive",
    ("call", "on"): "Statement",
    ("call", "for"): "Statement",
    ("blow", "up"): "Demolish",
    ("take", "over"): "Capture",
}

# verb + object noun: "launch an offensive", "made the statement"
VERB_OBJECT_TYPES: dict[tuple[str, str], str] = {
    ("launch", "offensive"): "MilitaryOffensive",
    ("launch", "attack"): "Attack",
    ("make", "statement"): "Statement",
    ("issue", "statement"): "Statement",
    ("hold", "meeting"): "Meeting",
    ("hold", "talk"): "Meeting",
}

# verbs of entering a place: "poised to enter the city"
ENTRY_VERBS = words("enter invade storm reach")
ENTRY_TYPE = "MilitaryOffensive"

# nouns that denote happenings in news text (lemmas)
EVENT_NOUNS = words(
    """offensive battle attack war election flight statement tweet meeting deal crash
    accident explosion bombing blast strike raid assault invasion siege capture arrest trial
    death killing murder massacre execution injury shooting fire earthquake flood storm
    hurricane disaster crisis recession collapse bankruptcy merger acquisition sale purchase
    order agreement treaty ceasefire truce talks negotiation summit conference visit speech
    interview announcement decision plan proposal move protest demonstration rally riot
    campaign vote referendum poll ban sanction lawsuit suit case dispute settlement loss
    gain increase decrease rise fall drop decline cut surge slump plunge growth launch
    delivery production closure layoff resignation appointment retirement departure arrival
    return escape withdrawal retreat deployment release publication report claim complaint
    criticism warning threat demand request call appeal offer bid loan bailout rescue
    reform restructuring reorganization investigation inquiry probe hearing verdict ruling
    sentence conviction charge scandal controversy glitch problem issue failure success
    victory defeat win landing takeoff test trip tour ceremony celebration event incident
    fight clash conflict violence operation mission effort attempt change transaction
    payment contribution donation funding investment expansion development discussion
    debate dedication opening injection breach shortage outage slide setback boost impact
    effect reaction response use sell-off"""
)

# endings of nominalisations ("reorganization", "settlement", "withdrawal", "bidding")
NOMINAL_SUFFIXES: tuple[str, ...] = ("tion", "sion", "ment", "ance", "ence", "al", "ure", "ing")

# lemmas that never trigger events on their own
NON_EVENT_VERBS = words("accord base regard")
NON_EVENT_NOUNS = words(
    """government official executive department station rationale material animal national
    capital journal terminal individual hospital signal label portal tutorial document
    apartment instrument equipment element segment parliament tournament agency audience
    evidence presence science license licence licensing ceiling building being evening
    morning meaning thing string king ring spring wing nothing something anything everything
    feature nature future culture picture structure temperature literature figure mixture
    venture creature sentence commission mention nation position section portion region
    option question population edition tradition condition addition relation generation
    administration organization organisation institution constitution corporation
    foundation federation association coalition division union mission television version
    fashion pension mansion tension dimension passion occasion"""
)

# -- factuality ------------------------------------------------------------------------------

HEDGE_ADVERBS: dict[str, Certainty] = _levels(
    PROBABLE="""reportedly allegedly apparently probably likely presumably seemingly
        supposedly purportedly ostensibly evidently""",
    POSSIBLE="possibly perhaps maybe potentially conceivably",
)

# "will" and "can" are left out: news uses them for scheduled events and abilities
MODALS: dict[str, Certainty] = _levels(POSSIBLE="may might could", PROBABLE="should must ought")

# predicates governing an infinitive or a clause: "seemed to", "is expected to", "poised to"
RAISING: dict[str, Certainty] = _levels(
    PROBABLE="""seem appear expect poise believe think say report rumour rumor likely predict
        estimate tend anticipate project suspect assume presume probable schedule""",
    POSSIBLE="""hope try attempt seek aim fight strive consider propose able possible threaten
        offer ask urge vow pledge prepare struggle fear worry""",
)

# predicates of wanting and choosing: whether their infinitive happens is left open ("wants to
# cut", "was selected to buy", "funds earmarked to rescue")
VOLITIONAL = words("want wish intend desire select earmark designate")

# verbs of permission: someone "allowed to bid" may bid (active "allows users to record" states
# what a thing can do, and is left alone)
PERMISSION = words("allow permit authorize authorise")

# verbs whose clause is true whatever governs them: "wants to know what happened"
# verbs of expecting: "did not expect X to happen" says X happened against expectation
EXPECTING = words("expect anticipate foresee predict")

FACTIVE = words("know learn realize realise discover regret notice understand")

# verbs that take what is asked for with "for": "filed for bankruptcy", "called for a ban"
SEEKING = words("file apply ask call push press lobby campaign appeal petition pray hope wait")

# infinitives of a figure's end point after a change: "rose 2% to close at 5,210" states a
# result, not an aim
RESULT_VERBS = words("close end finish settle stand")

# words before "to" that make the infinitive a result: "only to fall back", "enough to win"
RESULT_LINKS = words("only enough")

# nouns in fixed purpose phrases: "in order to", "so as to"
PURPOSE_PHRASES = words("order as")

# nouns heading a reported clause or event: "rumours that …", "fears of a recession"
HEDGE_NOUNS: dict[str, Certainty] = _levels(
    POSSIBLE="""rumour rumor speculation fear worry concern suggestion possibility risk threat
        prospect hope""",
    PROBABLE="report claim allegation expectation belief likelihood",
)

# nouns of intention whose infinitive has not happened: "efforts to ease the crisis"
INTENT_NOUNS = words(
    """plan effort measure order option attempt bid proposal offer request call push drive
    campaign scheme intention intent aim goal hope"""
)

# nouns of plans and requirements: an event noun compounded with them is not yet real
PLAN_NOUNS = words("plan proposal scheme requirement target programme program blueprint")

# governors whose complement did not happen: "failed to pass", "denied that …", "prevent a …"
NEGATING_GOVERNORS = words("fail refuse deny decline stop cease avoid prevent reject halt abandon")

# governors whose object noun does not happen: "prevent a collapse" (whereas a rejected
# proposal and a stopped crisis did exist)
PREVENTING = words("prevent avoid avert forestall")

# modifiers that cancel an event noun: "the now-cancelled deal"
NEGATING_MODIFIERS = words("cancel scrap abandon fail abort collapse")

# verbs that call off the event noun they take: "the deal had been killed", "scrapped the plan"
CANCELLING = words("cancel scrap abandon abort kill scuttle torpedo")

CONDITIONAL_MARKERS = words("if unless whether lest")

# wh-words opening an embedded question: "did not say where the cuts will be"
QUESTION_WORDS = words("whether if where when how why who what which")
