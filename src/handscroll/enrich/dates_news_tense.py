"""Which side of the document date a bare weekday or month is on: the tense around it (issue 16).

News names days without saying which week: "will meet on Friday", "Talks resume Monday" and "as a
Monday deadline loomed" look ahead; "was held in April" and "since June" look back. These cues
read the words before the date (and a deadline's after it); dates_news.py counts the day or year.
"""

from __future__ import annotations

import re

from handscroll.enrich.date_mentions import Mention
from handscroll.enrich.dates_en_times import WEEKDAYS

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|next|coming|upcoming|scheduled|expected\s+to|forecast\s+to|expects?|forecasts|predicts?|"
    r"anticipates?|(?:is|are)\s+(?:due|expected|forecast|likely)|plans?\s+to|"
    r"planning|planned|is\s+to|are\s+to|set\s+to|as\s+(?:soon|early)\s+as|(?:has|have|given)\s+until|"
    # "fuel duty due to rise in September" (a plan), not "due to rain" (a cause)
    r"due\s+to\s+(?:be|rise|fall|start|begin|open|close|end|take|meet|vote|arrive|return|expire|launch|resume|"
    r"finish|hold|publish|report|announce|sign|visit|leave|reach|go|come|increase|drop|run|stand)|"
    r"(?:intends?|intended|hopes?|hoped|aims?|aimed|wants?|wanted|vowed|pledged|promised|threatened|threatens|"
    r"prepares?|seeks?|sought|hoping|"
    r"aiming|threatening|vowing|preparing)\s+to|"
    r"(?:postponed|delayed|adjourned|extended)\s+"
    r"(?:\w+\s+){0,3}?until)\b",
    re.IGNORECASE,
)
#: "had been scheduled to expire Friday", "as previously planned", "a vote first planned for Sunday": a plan
#: already in the past.
_PAST_PLAN = re.compile(r"\b(?:had(?:\s+been)?|previously|originally|initially|first)\s+$", re.IGNORECASE)
#: "since June", "the year ended Jan. 31": a date these words govern is behind the document's.
PAST_CUE = re.compile(r"\b(?:[Ss]ince|ended)\s+$")
#: "said the ship would arrive Tuesday": the future of reported speech, the date a few words after
#: the modal's verb with no comma between; not "could" (past ability) nor "would have" (counterfactual).
_MODAL_VERB = re.compile(
    r"\b(?:would|might|may|must|(?:has|have|needs?)\s+to)\s+(?!have\b)(?:not\s+|also\s+|then\s+)?(?:be\s+)?[a-z]+(?:\s+[a-z]+){0,4}\s+$"
)
#: "would cut off funding to Cypriot banks after Monday": further on, names between; not a day's
#: possessive ("would look for ways around Wednesday's ruling": the ruling is done).
_MODAL_FAR = re.compile(
    r"\b(?:would|might|may)\s+(?!have\b)(?:not\s+|also\s+|then\s+)?(?:be\s+)?[a-z]+(?:\s+[A-Za-z]+){0,6}\s+$"
)
_POSSESSIVE = re.compile(r"\w+['\u2019]s\b")
#: "was held in April", "died on Jan. 5": a verb in the past governs the date, so it is behind the
#: document's (not a plan: "scheduled for", "expected in", nor "to be published in").
_A_PLAN = (
    r"(?:scheduled|expected|planned|slated|postponed|delayed|adjourned|"
    r"extended|intended|aimed|designed|supposed|needed|proposed|projected|forecast|estimated|anticipated|predicted|"
    r"targeted|budgeted|timed|deferred|rescheduled|pushed|moved|called|promised|required|allowed|used)\b"
)
_PAST_VERB = re.compile(
    rf"(?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\ba\s)(?<!\ban\s)(?<!\bthe\s)\b(?!{_A_PLAN})"
    r"(?:was|were|met|said|held|took|began|came|went|won|lost|fell|rose|left|made|told|gave|became|died|"
    r"struck|hit|sold|bought|paid|broke|fought|wrote|spoke|grew|shot|fled|[a-z]{3,}ed)"
    # "said it expected action in April" is a plan: no plan's word among the words between
    rf"(?:(?:\s+(?!to\b|that\b|until\b|by\b|and\b|or\b|which\b|who\b|{_A_PLAN})[a-z'$%.\d]+){{0,3}}\s+(?:in|on|during)"
    # "fell through the summer", "stayed weak through May" (not "were extended through April", a plan)
    rf"|(?:\s+(?!{_A_PLAN})[a-z]+)?\s+through(?:out)?"
    r"|(?:\s+(?:in|on|during|since))?)\s+(?:(?:early|late|mid)[\s-]+)?$",
    re.IGNORECASE,
)
#: "The law takes effect in July", "the season starts in August": a schedule in the present.
_SCHEDULE = re.compile(
    r"\b(?:starts|begins|opens|re-?opens|ends|expires|resumes|closes|runs(?:\s+out)?|takes\s+effect|kicks\s+off|"
    r"goes\s+on\s+sale|appl(?:y|ies)|"
    # "Banks reopen Tuesday", "Markets are closed Friday and reopen Monday": the plural's schedule
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\bto\s)(?<!\bdid\s)(?<!n't\s)(?<!\bnot\s)(?:re-?open|resume|reconvene))"
    r"(?:\s+at\s+(?:sundown|sunset|dawn|noon|midnight))?"  # "Passover begins at sundown Monday"
    r"(?:\s+(?:on|in|by|until|through|at|from))?\s+(?:(?:early|late|mid)[\s-]+)?$"
)
#: "Ministers meet on Sunday", "Talks resume Monday", "The vote is Tuesday": a schedule in the present
#: tense, its verb at most a place or an object before the date (not "did not meet", "could meet").
_PRESENT_PLAN = re.compile(
    r"(?<!\bdid\s)(?<!\bnot\s)(?<!\bcould\s)(?<!n't\s)(?<!\bto\s)"
    # nouns: "the vote", "its meeting"; "washed out play", "halted play" (a past verb's object)
    r"(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bof\s)(?<!\bnew\s)(?<!\bout\s)(?<!ed\s)\b(?:"
    r"(?:is|are)\s+(?:on\s+|in\s+)?"
    r"|(?:meets?|resumes?|continues?|reconvenes?|convenes?|votes?|holds?|hosts?|faces?|visits?|travels?|flies|leaves|"
    r"returns|arrives|heads|testifies|unveils|takes\s+(?:office|up|place)|sits|gathers?|debates|plays?|"
    r"(?:(?<=[Cc]ourt\s)|(?<=[Jj]udge\s)|(?<=[Jj]ury\s)|(?<=[Pp]anel\s))(?:rules|hears)|(?:go|goes|head)\s+to\s+the\s+polls)"
    r"(?:\s+(?:again|talks|home|back|here|there|(?:(?:in|at)\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?|the\s+[a-z]+))?"
    r"\s+(?:on\s+|in\s+)?"
    r"|(?<!\bfirst\s)(?<!\boriginally\s)(?<!\binitially\s)(?<!\bpreviously\s)(?<!\bonce\s)"
    r"(?:set|slated|due|planned|scheduled)\s+for\s+"
    # "Banks are closed until Tuesday", "Flights remain suspended until Monday": a state that lasts
    r"|(?:is|are|remains?|stays?|lasts?|continues?)\s+(?:[a-z]+\s+){0,2}?(?:until|till|through)\s+"
    r"|(?:is|are)\s+closed\s+(?:on\s+)?"
    r"|\b(?:[Aa]n?|[Tt]he)\s+[a-z]+\s+to\s+be\s+[a-z]+ed\s+(?:on\s+|in\s+)?"  # "a report to be published on"
    r"|(?:postponed|delayed|moved|pushed(?:\s+back)?|put\s+off|rescheduled)\s+(?:\w+\s+){0,3}?to\s+"
    r"|called\s+(?:a|an|the)\s+(?:[a-z]+\s+){1,2}for\s+"
    r")(?:(?:early|late)\s+)?$"
)
#: A reporting verb the date follows directly: the day of saying, whatever the clause before foresees.
_REPORTED = re.compile(
    r"\b(?:said|says|told\s+(?:[A-Za-z]+\s+){0,2}?|announced|reported|added|confirmed|denied|wrote)\s+(?:on\s+)?$"
)
#: "Another storm could bring snow to New England on Thursday": a possibility ahead, in forecasts and
#: plans; not past ability ("could not be reached on Monday", "could hardly"), nor "could have".
_COULD = re.compile(
    r"\bcould\s+(?!not\b|n't|have\b|hardly\b|never\b|only\b|barely\b)(?:also\s+|still\s+|even\s+)?[a-z]+\b"
)
ANY_MODAL = re.compile(r"\b(?:would|could|should|might|may|must|will|shall|to\s+be)\b|'ll\b", re.IGNORECASE)
_CLAUSE_START = re.compile(r"[.;!?]\s|\n|,\s(?:but|and|while)\s")
_LOOK_BACK = 80


def told_in_the_past(text: str, start: int) -> bool:
    """True when a verb in the past governs the date at `start` and its clause has no modal."""
    window = max(0, start - 60)
    if not _PAST_VERB.search(text, window, start):
        return False
    clause = window
    for found in _CLAUSE_START.finditer(text, window, start):
        clause = found.end()
    return ANY_MODAL.search(text, clause, start) is None


def looks_ahead(text: str, start: int) -> bool:
    """True when the clause before `start` speaks of the future ("will meet on Friday")."""
    window_start = max(0, start - _LOOK_BACK)
    if _REPORTED.search(text, max(0, start - 40), start):
        return False  # "... will stay shut until Tuesday, officials said late Thursday": when they said it
    if (
        _MODAL_VERB.search(text, max(0, start - 50), start)
        or (_MODAL_FAR.search(text, max(0, start - 70), start) and not _POSSESSIVE.match(text, start))
        or _SCHEDULE.search(text, max(0, start - 30), start)
        or (_PRESENT_PLAN.search(text, max(0, start - 40), start) and not _POSSESSIVE.match(text, start))
    ):
        return True
    clause = window_start
    for found in _CLAUSE_START.finditer(text, window_start, start):
        clause = found.end()
    for cue in _FUTURE_CUE.finditer(text, clause, start):
        if not _PAST_PLAN.search(text, max(clause, cue.start() - 12), cue.start()):
            return True
    return False


def could_ahead(text: str, start: int) -> bool:
    """ "Another storm could bring snow to New England on Thursday": "could" with its verb in the
    clause before the day, a possibility (the caller keeps it to the next few days: "could be located
    Wednesday" in Thursday's paper is the day before)."""
    clause = max(0, start - _LOOK_BACK)
    for found in _CLAUSE_START.finditer(text, clause, start):
        clause = found.end()
    return _COULD.search(text, clause, start) is not None


def deadline_by(text: str, mention: Mention) -> bool:
    """ "Without a deal by Monday, the ECB will cut off funds": a day "by" or "before" names, with the
    rest of its sentence told in the future."""
    if not _BY.search(text, max(0, mention.start - 8), mention.start):
        return False
    if _PAST_BY.search(text, max(0, mention.start - 40), mention.start):
        return False  # "The report was finished by Monday, and officials will study it"
    end = _CLAUSE_END.search(text, mention.end, mention.end + 150)
    return _WILL.search(text, mention.end, end.start() if end else mention.end + 150) is not None


_BY = re.compile(r"\b(?:by|before)\s+$")
_PAST_BY = re.compile(r"\b(?:was|were|had|been|did|[a-z]{3,}ed)(?:\s+[a-z]+){0,2}\s+(?:by|before)\s+$")
_WILL = re.compile(r"\b(?:will|won't|must|'ll)\b")


def joined_ahead(text: str, start: int) -> bool:
    """ "England play San Marino on Friday and Montenegro on Tuesday": a day joined by "and" to a day
    of the same verb that looks ahead looks ahead too."""
    joined = _JOINED_DAY.search(text, max(0, start - 60), start)
    return joined is not None and looks_ahead(text, joined.start())


_JOINED_DAY = re.compile(
    rf"\b(?:{'|'.join(WEEKDAYS)})(?:\s+(?:morning|afternoon|evening|night))?"
    r",?\s+and\s+(?:[A-Za-z'-]+\s+){0,3}?(?:on\s+)?$"
)


def deadline_ahead(text: str, mention: Mention) -> bool:
    """ "as a Monday deadline loomed", "ahead of Monday's deadline": a deadline still to come."""
    after = _DEADLINE.match(text, mention.end)
    if after is None:
        return False
    return (
        bool(after["near"])
        or BEFORE_DEADLINE.search(text, max(0, mention.start - 30), mention.start) is not None
    )


_DEADLINE = re.compile(
    r"(?:'s)?\s+deadline\b(?P<near>(?:\s+(?:set\s+by|imposed\s+by|for)(?:\s+[\w.'-]+){1,5}?)?"
    r"\s+(?:looms|loomed|approaches|approached|nears|neared)\b)?"
)


def event_ahead(text: str, start: int) -> bool:
    """ "ahead of Sunday's election", "on the eve of Sunday's run-off": an event to come, unless the
    day is just behind (a Monday report may say "violence flared ahead of Sunday's election")."""
    return bool(_EVENT_AHEAD.search(text, max(0, start - 30), start) and _POSSESSIVE.match(text, start))


_EVENT_AHEAD = re.compile(
    r"\b(?:[Aa]head\s+of|[Oo]n\s+the\s+eve\s+of|(?:[Ii]n\s+)?the\s+(?:run|lead)[\s-]up\s+to|[Ii]n\s+preparation\s+for)"
    r"\s+$"
)
BEFORE_DEADLINE = re.compile(r"\b(?:ahead\s+of|before|faces?|facing)\s+(?:a|an|the)?\s*$", re.IGNORECASE)


def weekend_past(text: str, mention: Mention) -> bool:
    """True when a verb in the past governs the weekend: before it in its clause with no
    infinitive or modal between ("warned them to stay in through the weekend" looks ahead),
    or after it ("Over the weekend, the post was shared")."""
    clause = max(0, mention.start - _LOOK_BACK)
    for found in _CLAUSE_START.finditer(text, clause, mention.start):
        clause = found.end()
    before = next(reversed(list(_PAST_AFTER.finditer(text, clause, mention.start))), None)
    if before is not None:
        return ANY_MODAL.search(text, before.end(), mention.start) is None and not _INFINITIVE.search(
            text, before.end(), mention.start
        )
    end = _CLAUSE_END.search(text, mention.end, mention.end + 80)
    return _PAST_AFTER.search(text, mention.end, end.start() if end else mention.end + 80) is not None


#: "Over the weekend, the post was shared": a verb in the past (not a passive in the present,
#: "are closed", nor a plan, "expected").
_PAST_AFTER = re.compile(
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bbeen\s)\b(?:was|were|had|did|said|met|made|took|came|went|"
    r"saw|left|fell|rose|won|lost|(?!(?:expected|scheduled|planned|forecast|predicted)\b)[a-z]{3,}ed)\b"
)
_INFINITIVE = re.compile(r"\bto\s+[a-z]+")
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)|\n")


def opening_told_past(text: str, mention: Mention) -> bool:
    """ "In June, Bernanke said ...", "In April, the company sold ...": a date that opens its sentence
    before a comma, the clause after it told in the past with no modal before the verb."""
    if not _OPENER.search(text, max(0, mention.start - 12), mention.start) or not _COMMA.match(
        text, mention.end
    ):
        return False
    end = _SENTENCE_END.search(text, mention.end, mention.end + 200)
    stop = end.start() if end else mention.end + 200
    verb = _PAST_AFTER.search(text, mention.end, stop) or _IRREGULAR_PAST.search(text, mention.end, stop)
    return verb is not None and ANY_MODAL.search(text, mention.end, verb.start()) is None


_OPENER = re.compile(
    r"(?:^|[.!?]\s+|\n)(?:[Ii]n|[Bb]y|[Ee]arly|[Ll]ate|[Ii]n\s+(?:early|late|mid)[\s-]*)\s*$"
)
_COMMA = re.compile(r"\s*,")
#: The end of a sentence, not of "Roe vs. Wade" nor "Mr. Smith".
_SENTENCE_END = re.compile(
    r"(?<!\bvs)(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bNo)(?<!\b[A-Z])[.;!?](?:\s|$)|\n"
)
_IRREGULAR_PAST = re.compile(
    r"\b(?:sold|bought|paid|told|gave|began|became|grew|struck|broke|wrote|spoke|fled|held|brought|sent|spent|"
    r"found|got|ran|led|rang|drew|chose|froze|stood|sank|shook|threw|flew|fought|taught|caught|sought|won)\b"
)


def published_behind(text: str, mention: Mention) -> bool:
    """ "down from 2% in its December forecast": a paper the speaker already put out names its month
    (not "will publish its June forecast")."""
    return bool(
        _OWN_BEFORE.search(text, max(0, mention.start - 14), mention.start)
        and _PAPER.match(text, mention.end)
    )


_OWN_BEFORE = re.compile(r"\b(?:in|from|since|than|with)\s+(?:its|their|his|her|our)\s+$")
_PAPER = re.compile(
    r"\s+(?:forecasts?|reports?|estimates?|projections?|figures|statement|survey|outlook|budget|review|update|"
    r"assessment|data|minutes|testimony)\b"
)
