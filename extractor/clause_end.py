"""Where a reported clause ends: before the writer's own words that follow it ("…, citing
a lack of evidence", "…, as the two firms control half the market", "…, the Interfax news
agency reported") and without its closing punctuation."""

from __future__ import annotations

import re

# the writer's own hedge after a reported clause: "… but it was unclear how many …"
_WRITERS_HEDGE = (r"|,?\s+(?:but|though|although)\s+(?:it\s+(?:was|is|remains|remained)\s+"
                  r"(?:unclear|not\s+clear|not\s+known|uncertain)|there\s+(?:was|is|has\s+been)"
                  r"\s+no\s+(?:independent\s+)?confirmation|gave\s+no\s+details)\b")
# the writer going on after the reported clause: "…, but did not confirm the visit", "…, as
# the two firms control half the market", "…, without giving a date", "…, a claim the
# opposition disputed", "…, leading to anguished reports", "…, echoing the 2008 disaster",
# "…, citing a lack of evidence"
_WRITERS_SEQUEL = (r"|,\s*but\s+(?:also\s+)?(?:did\s+not|didn['’]t|would\s+not|wouldn['’]t|"
                   r"declined|refused|accepted|gave\s+no|offered\s+no|stopped\s+short)\b"
                   r"|,\s+as\s+(?:the|a|an|its|their|his|her|it|they|he|she)\s+(?!well\b)"
                   r"|,\s*without\s+(?:giving|providing|offering|elaborating|naming|citing|"
                   r"specifying|saying)\b"
                   r"|,\s+(?:a|an)\s+(?:claim|charge|assertion|accusation|allegation|view|"
                   r"position|remark|figure|estimate|forecast)\s+(?:that\s+)?(?:the\s+)?"
                   r"[\w'’-]+\s+(?:has|have|had|was|were|is|are|[a-z]+ed)\b"
                   r"|,\s*(?:leading|prompting|sparking|fuell?ing|triggering|echoing|marking|citing|"
                   r"raising\s+(?:concerns?|fears?|questions?|hopes?|doubts?)|sending|dealing)\b")
# a news outlet's attribution closing the sentence: "…, the Interfax news agency reported"
_OUTLET_TAIL = (r"|,\s*(?:the\s+)?(?:[\w.'’-]+\s+){0,4}?(?:news\s+agency|agency|newspaper|daily|"
                r"broadcaster|television|radio|media|outlet)\s+(?:reported|said|says|reports)\b")
_CLAUSE_CUT = re.compile(r",\s*according to\b|,\s*suggesting\b|,\s*whose\b|"
                         r"(?<=,)[\"”](?=\s)(?!\s+and\s+that\b)" +
                         _WRITERS_HEDGE + _WRITERS_SEQUEL + _OUTLET_TAIL)


def trim_end(text: str, start: int, stop: int) -> int:
    """Where a reported clause running from ``start`` to ``stop`` ends: before the writer's
    own words after it, and without its closing punctuation."""
    end = stop
    cut = _CLAUSE_CUT.search(text, start, stop)
    if cut:
        end = cut.start() + (1 if text[cut.start()] in "\"”" else 0)
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:—–-"):
        end -= 1
    return end
