"""Which titles a role noun may refer back to: "the minister said" after "Foreign Secretary
Amelia Hartwell", "the lawmaker said" after "Senator Paul Okafor", "the executive said"
after "CEO Lena Horvat". A role noun always fits a title containing the same word."""

from __future__ import annotations

_LAWMAKERS = frozenset({"senator", "sen", "representative", "rep", "congressman",
                        "congresswoman", "mp", "lawmaker", "legislator", "assemblyman",
                        "assemblywoman", "councillor", "councilor", "councilman",
                        "councilwoman", "deputy", "member"})
_EXECUTIVES = frozenset({"ceo", "executive", "chairman", "chairwoman", "chair",
                         "chairperson", "president", "founder", "co-founder", "director",
                         "chief", "head", "boss", "manager"})
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson"})
# the role noun → words of the titles it may stand for
_CLASSES: dict[str, frozenset[str]] = {
    "minister": frozenset({"minister", "secretary", "chancellor", "premier"}),
    "secretary": frozenset({"secretary", "minister"}),
    "premier": frozenset({"premier", "prime"}),
    "lawmaker": _LAWMAKERS,
    "legislator": _LAWMAKERS,
    "politician": _LAWMAKERS | {"minister", "mayor", "governor", "leader"},
    "diplomat": frozenset({"diplomat", "ambassador", "envoy", "consul", "foreign",
                           "negotiator"}),
    "envoy": frozenset({"envoy", "ambassador", "representative", "negotiator"}),
    "ambassador": frozenset({"ambassador", "envoy"}),
    "executive": _EXECUTIVES,
    "boss": _EXECUTIVES | {"coach"},
    "chief": _EXECUTIVES | {"commissioner"},
    "leader": frozenset({"leader", "premier", "prime", "chairman", "chairwoman", "head"}),
    "prosecutor": frozenset({"prosecutor", "attorney"}),
    "lawyer": frozenset({"lawyer", "attorney", "counsel", "barrister", "solicitor"}),
    "attorney": frozenset({"attorney", "lawyer", "counsel"}),
    "judge": frozenset({"judge", "justice", "magistrate"}),
    "justice": frozenset({"judge", "justice"}),
    "coach": frozenset({"coach", "manager"}),
    "manager": frozenset({"manager", "coach"}),
    "spokesman": _SPOKESPEOPLE,
    "spokeswoman": _SPOKESPEOPLE,
    "spokesperson": _SPOKESPEOPLE,
    "general": frozenset({"general", "gen", "commander"}),
    "commander": frozenset({"commander", "general", "gen", "colonel", "col", "admiral"}),
    "officer": frozenset({"officer", "sergeant", "sgt", "detective", "det", "inspector",
                          "insp", "constable", "lieutenant", "lt", "captain", "capt"}),
    "economist": frozenset({"economist", "analyst", "strategist"}),
    "analyst": frozenset({"analyst", "economist", "strategist"}),
    "scientist": frozenset({"scientist", "researcher", "professor", "epidemiologist",
                            "seismologist"}),
    "official": frozenset({"official", "officer", "director", "secretary", "minister",
                           "commissioner", "administrator", "spokesman", "spokeswoman",
                           "spokesperson", "coordinator", "chief", "head", "deputy"}),
}


def fits(noun: str, title: str | None) -> bool:
    """Whether the role noun (lower case: "minister") may stand for a holder of ``title``."""
    if not title:
        return False
    words = {w.lower().rstrip(".") for w in title.replace("-", " ").split()} | {
        w.lower() for w in title.split()}
    return noun in words or bool(_CLASSES.get(noun, frozenset()) & words)
