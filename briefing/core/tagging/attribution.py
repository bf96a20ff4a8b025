"""Where a quotation's attribution is, and the words that name its speaker.

An attribution is read from the quotation's own sentence: after it ("…," said X / X, a …,
said / says market analyst X / X was quoted (cited) as saying / X, title, Firm. / "…" – X,
CEO), or before it (X said: "…" / according to X, "…" / As the newspaper reported, "…" / As
X put it: "…" / X's advice: "…" / X, a researcher at Y, diagnosed, "…"), or, for a fragment
quoted inside a sentence, from the subject of the speech verb before it (X called it "…" / X
vowed tariffs "…" / the company promises what it calls "…"). A sentence with no subject ("Says
it …", the wire's digest style) takes the paragraph's; a line ending with a colon names the
speaker of the quotation that opens the next (past a video script's stage directions). The
subject is returned as written; resolving it to a speaker is the caller's work.
"""

from __future__ import annotations

import re
from typing import Final

from .given_names import gender
from .names import (
    CROWDS,
    NAME,
    NOT_NAMES,
    ORG,
    ORG_NOUNS,
    PRONOUNS,
    TITLE_WORDS,
    UP,
    is_person,
    is_title_word,
    titled_lead,
)
from .quote_marks import Span
from .speech import (
    LABELLING,
    NAMING,
    PARTICIPLES,
    WEAK,
    Said,
    Sentences,
    Verb,
    first_verb,
    last_verb,
    word_spans,
)

_ACCORDING_TO: Final = re.compile(r"\b[Aa]ccording to[ \t]+(?:an?[ \t]+[a-z]+[ \t]+(?:from|by|of)"
                                  r"[ \t]+)?(" + ORG + r"|the[ \t]+[a-z]+)")
_AS_X_SAID: Final = re.compile(
    r"(?:[Aa]ccording to|\b[Aa]s|[Ii]n the words of)[ \t]+(?P<who>[^,“”\"]{2,80}?)(?:[ \t]+(?:"
    r"reported|put it|noted|said|wrote|told[^,]{0,40}|has said|had said|says))?[ \t]*,[ \t]*$")
_AS_X_PUT_IT: Final = re.compile(r"\b[Aa]s[ \t]+(?P<who>[^,:;“”\"]{2,60}?)[ \t]+(?:put it|puts it|"
                                  r"said|says|noted|wrote|writes)[ \t]*:[ \t]*$")
_CLAUSE_BREAK: Final = re.compile(r"\s+(?:as|while|after|before|when|because|since|in|on|to)\s+"
                                  r"|\s+(?:last|this|yesterday|today|earlier|recently)\b"
                                  r"|\s+at\s+(?:an?|the|its|his|her|their)\s"  # "at an event"
                                  r"|,\s+(?:who|which)\s")
_LEAD_BREAK: Final = re.compile(r"\b(?:after|as|while|when|because|since|though|although|but|"
                                r"whereas)[ \t]+|;[ \t]*")
_COLON_LEAD: Final = re.compile(r"^[\s*•\-–]*(?:\[[^\]]{1,20}\]\s*)?(" + UP  # ("** X: …")
                                + r"[^:“”\"]{1,60}?):\s*$")
_SCRIPT_LABEL: Final = re.compile(  # a video script's "SOUNDBITE (English)", "(UPSOUND):"
    r"[ \t]*\(?(?:SOUNDBITES?|SOUND BITE|UPSOUND|VOXPOP|VOX POP|NATSOUND|NATSOT|SOT)\)?:?[ \t]+"
    r"(?:\([^()]{1,30}\)[ \t]*)?(?=[A-Za-z])")
_OWNER_LEAD: Final = re.compile(r"(?:(His|Her|Their)|(" + NAME + r")['’]s)[ \t]+[a-z][^:]*:[ \t]*$")
_OWNER_PRONOUNS: Final = {"His": "he", "Her": "she", "Their": "they"}
_REPORTED_AS: Final = re.compile(r"[ \t]+(" + NAME + r")[ \t]+as[ \t]+saying\b")
_NAME_ONLY: Final = re.compile(r"[ \t]*(" + NAME + r")[ \t]*(?:,|\.|$)")
_NAME_AT: Final = re.compile(r"[ \t]*(" + NAME + r")")
_SKIP_BEFORE_VERB: Final = frozenset("""
also later then instead previously again however earlier now still separately further had has
have was is would will could may might recently once yesterday today on last this monday
tuesday wednesday thursday friday saturday sunday week
""".split())
_SUBJECT_STARTS: Final = frozenset("""
the a an one two three some several many most other another people sources analysts traders
investors economists strategists officials executives bankers dealers he she they it we its
their his her management
""".split())
ATTRIBUTION_REACH: Final = 400  # characters on either side of a quotation searched for its speaker


def after(text: str, span: Span, sentences: Sentences) -> Said | None:
    """An attribution after the quotation, in the same sentence (read by index: copying the
    quotation and the text after it cost more than the reading)."""
    at = span.close_at
    limit = min(len(text), at + ATTRIBUTION_REACH)
    lead = at  # the first character after the closing mark that is not a space
    while lead < limit and (text[lead] == " " or text[lead] == "\t"):
        lead += 1
    if lead == limit or text[lead] == "\n" or text[lead] == ";":
        return None  # "… called it “impressive”; it added that …": a clause of its own
    quote_end = span.end  # the quotation without the spaces and commas it ends with
    while quote_end > span.start and (text[quote_end - 1] == " " or text[quote_end - 1] == ","):
        quote_end -= 1
    if text[lead] in "–—" or text[lead] == "-" and text.startswith(" ", lead + 1):
        line_end = text.find("\n", lead, limit)  # "…" – Jane Doe, CEO: a byline
        return _juxtaposed(text[at:line_end if line_end >= 0 else limit], at, False)
    ended = _ends_sentence(text, span.start, quote_end) and not (
        text[lead].islower() or text[lead] == ":")
    if ended and text[quote_end - 1] in ".…":
        return None
    _, end = sentences.bounds(at)
    stop = min(limit, end) if end > at else limit
    for mark in ("“", '"', "‘", "\n"):  # the attribution ends where another quotation opens
        cut = text.find(mark, at, stop)
        if cut >= 0:
            stop = cut
    words = text[at:stop]
    m = first_verb(words)
    if m is None and text.count(" ", span.start, quote_end) >= 3:  # not a label's words
        m = _unknown_verb_after(words)
    return _read_after(words, at, ended, m)


def _ends_sentence(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] ends a sentence, as r"[.!?…]['’]?$" finds: a stop, perhaps with an
    apostrophe, at its end or (as "$" reads it) before a newline that ends it."""
    if hi > lo and text[hi - 1] == "\n" and _stop_before(text, lo, hi - 1):
        return True
    return _stop_before(text, lo, hi)


def _stop_before(text: str, lo: int, end: int) -> bool:
    if end <= lo:
        return False
    if text[end - 1] in ".!?…":
        return True
    return text[end - 1] in "'’" and end - 2 >= lo and text[end - 2] in ".!?…"


def _read_after(words: str, at: int, ended: bool, m: Verb | None) -> Said | None:
    according = _ACCORDING_TO.search(words) if "ccording to" in words else None
    if according and (m is None or according.start() < m.start):
        return Said(according.group(1), at + according.start(1))
    if "quoted " in words or "cited " in words:
        quoted = _QUOTED_NAME.search(words)
        if quoted is not None:  # "…", the paper quoted Jane Doe, head of research at X
            person = _before_match(_AS_SAYING_END, words[quoted.start(1):].rstrip(" ."))
            return Said(_before_match(_CLAUSE_BREAK, person), at + quoted.start(1))
        if _QUOTED_SOMEONE.search(words):
            return None  # "…," the paper cited a person close to the talks as saying: unnamed
    if m is None:
        return _juxtaposed(words, at, ended)
    if m.word in PARTICIPLES:
        return None  # "…", adding that …: the quotation hangs off the clause before it
    if m.word == "reported" or m.word == "reports":
        reported = _REPORTED_AS.match(words, m.end)  # "…," the paper reported Doe as saying
        if reported:
            return Said(reported.group(1), at + reported.start(1))
    head = words[:m.start].strip(" ,;—–-")
    if not head or (words[:m.start].rstrip().endswith(",") and not _subject_like(head)):
        tail = words[m.end:]
        subject = _before_match(_CLAUSE_BREAK, tail.strip(" ,:"))
        offset = at + m.end + (len(tail) - len(tail.lstrip(" ,:")))
        if subject and subject[:1].islower() and ("’" in subject or "'" in subject):
            named = described_name(subject)
            if named is not None:  # "…," said the central bank's chair Jane Doe
                return Said(named, offset + subject.rfind(named))
        if subject and (_subject_like(subject) or titled_lead(subject.split())):
            return Said(subject, offset)  # "…," said (chief executive) Jane Doe
        # "… to the plan, Doe, who joined in 2019, said.": the apposition before the verb
        found = clause_subject(words[:m.start], at) if head else None
        return found if found is not None and found.subject[:1].isupper() else None
    if ended and not head[:1].isupper():
        return None
    if not head[:1].isupper() and "," in head:  # "… the deal, Doe, who …, said": not the deal
        found = clause_subject(words[:m.start], at)
        if found is not None and found.subject[:1].isupper():
            return found
    if head.endswith(")"):
        titled = _bracketed_title(head, at + words.find(head))
        if titled is not None:  # "…," Jane Doe (CEO, Example Ltd) said
            return titled
    if _subject_like(head):
        return Said(head, at + words.find(head))
    last = head.rsplit(",", 1)[-1].strip()  # "…", with investors keen, X said.
    if last != head and _subject_like(last):
        return Said(last, at + words.rfind(last))
    return None


def described_name(phrase: str) -> str | None:
    """The person's name a described phrase ends with ("the U.S.' top policymaker Jane Doe"):
    two to four capitalised words, the first a given name."""
    words = phrase.split()
    k = len(words)
    while k and words[k - 1][:1].isupper() and not words[k - 1].endswith(("'s", "’s", "'", "’")):
        k -= 1
    if not 2 <= len(words) - k <= 4 or k == 0 or gender(words[k]) is None:
        return None
    name = " ".join(words[k:])
    return name if is_person(name) else None


def _before_match(pattern: re.Pattern[str], words: str) -> str:
    """pattern.split(words, maxsplit=1)[0], without the list."""
    m = pattern.search(words)
    return words[:m.start()] if m else words


def _juxtaposed(words: str, at: int, ended: bool) -> Said | None:
    """A name set after the quotation with no verb: "…," Jane Doe, Head – Research, Firm. /
    'It was inevitable': Jane Doe (a headline)."""
    colon = words.lstrip()[:1] == ":"
    rest = words.lstrip(" ,;:—–-")
    named = (_NAME_AT if colon else _NAME_ONLY).match(rest)
    if named is None or " " not in named.group(1) or not is_person(named.group(1)):
        return None
    if not colon and (ended or not _only_described(rest[named.end():])):
        return None
    lead = len(words) - len(rest)
    subject = named.group(1) if colon else rest.strip(" ,;—–-.")
    return Said(subject, at + lead)


_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")
_FUNCTION_WORDS: Final = frozenset("of at for and the in on with a an".split())


def _only_described(rest: str) -> bool:
    """Whether what follows a name is only its description ("Head – Research, Firm."), with
    no verb of its own (the "new GE," GE Aerospace, will emerge …)."""
    for word in _WORD.findall(rest):
        if word[:1].islower() and word not in _FUNCTION_WORDS and word not in TITLE_WORDS:
            return False
    return True


def _subject_like(head: str) -> bool:
    words = head.split(",")[0].split()
    if not words or len(words) > 12:
        return False
    first = words[0]
    return first[:1].isupper() or first.lower() in _SUBJECT_STARTS


def before(text: str, span: Span, sentences: Sentences, s_start: int) -> Said | None:
    """An attribution before the quotation: in its sentence, or a paragraph ending with a
    colon just before a quotation that opens its own paragraph."""
    lo = max(s_start, span.open_at - ATTRIBUTION_REACH)
    words = text[lo:span.open_at]
    if not words.strip():
        prev_end = _colon_line_end(text, sentences.paragraph(span.open_at)[0])
        if prev_end < 0:
            return None
        lo = sentences.bounds(prev_end - 1)[0]
        label = _SCRIPT_LABEL.match(text, lo, prev_end)  # "SOUNDBITE (English) Jane Doe …:"
        if label is not None:
            lo = label.end()
        words = text[lo:prev_end]
    found = _read_before(words, lo)
    if found is not None and not found.subject and not found.naming:
        return _paragraph_subject(text, sentences, lo)
    return found


def _colon_line_end(text: str, p_start: int) -> int:
    """The end of the line before the paragraph at p_start when it ends with a colon (the
    speaker of the quotation the paragraph opens with), past up to two lines in capitals
    between them (a video script's stage directions: "++PART OVERLAID BY SHOTS 1 & 3++");
    else -1."""
    for _ in range(3):
        end = p_start - 1
        while end > 0 and text[end - 1].isspace():
            end -= 1
        if end <= 0:
            return -1
        if text[end - 1] == ":":
            return end
        line_start = text.rfind("\n", 0, end) + 1
        for i in range(line_start, end):
            if text[i].islower():
                return -1
        p_start = line_start
    return -1


def _paragraph_subject(text: str, sentences: Sentences, at: int) -> Said | None:
    """The subject a sentence with none ("Says it …", the wire's digest style) takes from the
    paragraph: the name its first sentence opens with ("Example PLC, up 12% at 116p. …")."""
    p_start, _ = sentences.paragraph(at)
    if p_start >= at:
        return None
    _, first_end = sentences.bounds(p_start)
    found = sentence_subject(text[p_start:min(first_end, at)], p_start, 0)
    if found is None or not found.subject[:1].isupper() or found.subject.split()[0] in NOT_NAMES:
        return None
    return found


def _read_before(words: str, lo: int) -> Said | None:
    # _AS_X_SAID and _COLON_LEAD only match words ending with a comma or a colon: checked
    # first, as most sentences before a quotation end otherwise.
    m = _AS_X_SAID.search(words) if _ends_with(words, ",") else None
    if m is None and _ends_with(words, ":"):
        m = _AS_X_PUT_IT.search(words)  # "As Jane Doe put it: …"
    if m:
        return Said(m.group("who"), lo + m.start("who"))
    if "ccording to " in words and (_ends_with(words, ":") or _ends_with(words, ",")):
        according = _according_colon(words, lo)
        if according is not None:
            return according
    last_mark = max(words.rfind("“"), words.rfind("”"), words.rfind('"'))
    verb = last_verb(words, max(0, last_mark))
    if verb is None:
        said = _unknown_verb(words, lo)
        if said is not None:
            return said
        colon = _COLON_LEAD.match(words) if words.rstrip().endswith(":") else None
        if colon is None:
            return _according_lead(words, lo) if "ccording to " in words else None
        start = colon.start(1)
        owner = _OWNER_LEAD.match(words, start)  # "Jane Doe's advice:", "Her message was:"
        if owner is not None and owner.group(1):
            return Said(_OWNER_PRONOUNS[owner.group(1)], lo + owner.start(1))
        if owner is not None:
            return Said(owner.group(2), lo + owner.start(2))
        return Said(words[start:colon.end(1)], lo + start)  # Chairman: "…"
    if verb.word in LABELLING:
        return Said("", lo + verb.start, True)  # a name for a thing, whoever uses it
    if verb.start == len(words) - len(words.lstrip()) and words[verb.start].isupper() and \
            verb.word.endswith("s"):
        return Said("", lo + verb.start)  # "Says it …": no subject; the paragraph's
    if verb.word in PARTICIPLES:  # "X upgraded it, saying …": X
        found = sentence_subject(words, lo, _clause_start(words[:verb.start])) or \
            sentence_subject(words, lo, 0)
    else:
        found = clause_subject(words[:verb.start], lo)
        if found is None or found.subject[:1].islower() and found.subject.lower() not in PRONOUNS:
            # "The firm acknowledged that the proposal confirmed "…"": the speaker of the
            # "that" clause's verb is the one who reports it
            outer = first_verb(words[:verb.start])
            if outer is not None and words.startswith(" that ", outer.end):
                found = clause_subject(words[:outer.start], lo) or found
    if found is not None:
        found.naming = verb.word in NAMING or verb.word in WEAK
    return found


def _unknown_verb_after(words: str) -> Verb | None:
    """"…," diagnosed Jane Doe: a verb in the past tense right after the quotation, with a
    name after it, speaks it, whatever the verb."""
    start = 0
    while start < len(words) and words[start] in " ,\t":
        start += 1
    end = words.find(" ", start)
    if end < start + 3:
        return None
    verb = words[start:end]
    if verb in _PLAIN_AFTER and (words[end + 1:end + 2].isupper() or _GROUP_NEXT.match(
            words, end)):  # "…," note X analysts / say strategists at X: present, plural
        return Verb(start, end, verb)
    if end < start + 5 or not words[end + 1:end + 2].isupper():
        return None
    if not verb.endswith("ed") or not verb.isalpha() or not verb.islower():
        return None
    return Verb(start, end, verb)


# Speech verbs in the plain present, read only right after a quotation with a name next: there
# they are the inverted verb of a plural subject ("…," note X analysts). Elsewhere they are
# infinitives and commands ("to note", "I would say").
_GROUP_NEXT: Final = re.compile(r" (?:the )?(?:analysts|strategists|economists|traders|experts|"
                                 r"brokers|dealers|investors) (?:at|from|with)\b")
_QUOTED_SOMEONE: Final = re.compile(r"(?<!was )(?<!were )(?<!been )\b(?:quoted|cited)\s+(?!by\b)"
                                    r"[a-z][^.;]*?\bas\s+saying\b")
_AS_SAYING_END: Final = re.compile(r"\s+as\s+say(?:ing|s)\b")
_QUOTED_NAME: Final = re.compile(r"^[,\s]*(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){1,4}(?:quoted|cited)"
                                 r"\s+(" + NAME + r")\b")
_PLAIN_AFTER: Final = frozenset("""say note write add warn argue explain caution predict
insist observe stress conclude suggest reckon estimate""".split())


def _unknown_verb(words: str, lo: int) -> Said | None:
    """"Jane Doe, an analyst at X, viewed, "…"": a verb in the past tense that the quotation
    follows after a comma or a colon speaks it, whatever the verb (translated copy uses
    many), when a name is its subject."""
    end = len(words.rstrip())
    if end < 6 or words[end - 1] not in ",:":
        return None
    start = words.rfind(" ", 0, end - 1) + 1
    verb = words[start:end - 1]
    if words[end - 1] == ":" and not _past(verb):
        # "Example CEO Jane Doe provided some more detail:": the verb further back, with a
        # few words of object between it and the colon
        m = _PAST_THEN_OBJECT.search(words, max(0, end - 60), end)
        if m is None:
            return None
        start = m.start()
    elif not _past(verb):
        return None
    found = clause_subject(words[:start], lo)
    return found if found is not None and found.subject[:1].isupper() else None


def _past(word: str) -> bool:
    return len(word) >= 5 and word.endswith("ed") and word.isalpha() and word.islower()


_PAST_THEN_OBJECT: Final = re.compile(r"(?<= )[a-z]{3,}ed(?: [a-z]+){1,5}:\s*$")


def _according_lead(words: str, lo: int) -> Said | None:
    """"According to Example's chief executive Jane Doe, the deal will "…"": the words
    between "according to" and the comma that closes them."""
    start = words.rfind("ccording to ") + len("ccording to ")
    end = words.find(",", start)
    who = words[start:end].strip() if end > 0 else ""
    if not who[:1].isupper() or len(who) > 80 or any(c in who for c in "“”\".;:"):
        return None
    return Said(who, lo + start)


def _according_colon(words: str, lo: int) -> Said | None:
    """"According to Jane Doe, analyst at X: “…”", "According to Jane Doe, Vice President,
    Research, X, “…”": the speaker with their description."""
    start = words.rfind("ccording to ") + len("ccording to ")
    who = words[start:].rstrip().rstrip(":,")
    if not who[:1].isupper() or len(who) > 120 or any(c in who for c in "“”\".;") or \
            first_verb(who) is not None:  # "the analyst, according to X, said": not X
        return None
    return Said(who, lo + start)


def _ends_with(words: str, mark: str) -> bool:
    """Whether words end with `mark` and spaces or tabs, as "[ \t]*$" reads the end."""
    end = len(words) - 1 if words.endswith("\n") else len(words)
    while end > 0 and (words[end - 1] == " " or words[end - 1] == "\t"):
        end -= 1
    return end > 0 and words[end - 1] == mark


def _clause_start(words: str) -> int:
    cut = 0
    for m in _LEAD_BREAK.finditer(words):
        cut = m.end()
    return cut


def clause_subject(words: str, lo: int) -> Said | None:
    """The subject of a verb that ends `words`: the name, pronoun or "the company" right
    before it, else the subject at the start of its clause ("X, a strategist at Y, said")."""
    if " – " in words:  # "Jane Doe – SVP, Research, Example Broking, said": an apposition
        words = _DASH_AFTER_NAME.sub(_dash_to_comma, words)  # ("Head – Research" stays)
    last = len(words) - 1
    while last > 0 and words[last] == " ":
        last -= 1
    if last >= 0 and words[last] == ")":  # (read by index: no stripped copy per call)
        titled = _bracketed_title(words, lo)
        if titled is not None:
            return titled
    tokens = word_spans(words)
    i = len(tokens)
    comma = 0  # the last skipped word that ends with a comma ("…, who joined last week, said")
    while i and _skippable(tokens[i - 1][1]) and not (
            i > 1 and tokens[i - 1][1] == "May" and gender(tokens[i - 2][1]) is not None):
        i -= 1  # ("Theresa May said": a surname, not the modal)
        if not comma and tokens[i][1].endswith(","):
            comma = i + 1
    if i and tokens[i - 1][1] in _CONJUNCTIONS:
        return _shared_subject(words[:tokens[i - 1][0]], lo)
    if i and tokens[i - 1][1].lower() in ("who", "which") and tokens[i - 2:i - 1] and \
            tokens[i - 2][1].endswith(","):  # "X, which said": X
        return clause_subject(words[:tokens[i - 2][0] + len(tokens[i - 2][1]) - 1], lo)
    if i and not tokens[i - 1][1].endswith(","):
        titled = _person_then_title(words[:tokens[i - 1][0] + len(tokens[i - 1][1])], lo)
        if titled is not None:
            return titled
        j = _phrase_start(tokens, i)
        if j < i:
            start, end = tokens[j][0], tokens[i - 1][0] + len(tokens[i - 1][1])
            if j and tokens[j - 1][1].endswith(",") and tokens[j][1][:1].isupper():
                listed = _listed_title(words, start, end, lo)
                if listed is not None:
                    return listed
            return Said(words[start:end], lo + start)
        if comma:
            i = comma
    if i and tokens[i - 1][1].endswith(","):
        upto = tokens[i - 1][0] + len(tokens[i - 1][1])
        named = _INCLUDING.search(words, 0, upto) if "including " in words else None
        if named is not None and is_person(named.group(1)):  # "X economists, including Doe,"
            return Said(named.group(1), lo + named.start(1))
        if words[words.rfind(",", 0, upto - 1) + 1:upto].lstrip()[:1].isupper():
            found = _named_after_description(words[:upto], lo)
            if found is not None:
                return found
        return apposition_subject(words[:upto], lo)
    return sentence_subject(words, lo, _clause_start(words))


_TITLE_ENDS: Final = frozenset({"at", "of", "from", "with", "for", "by"})


_INCLUDING: Final = re.compile(r"\bincluding\s+(" + NAME + r"),\s*$")
_DASH_AFTER_NAME: Final = re.compile(r"(\S+) – ")


def _dash_to_comma(m: re.Match[str]) -> str:
    word = m.group(1)
    return m.group() if is_title_word(word) else word + ",  "


_TICKER_ONLY: Final = re.compile(r"(?:[A-Z]{2,8}\s*:\s*)?[A-Z0-9][A-Z0-9.\-]{0,9}$")
_BRACKETED: Final = re.compile(r"\(([^()\n]{2,80})\)\s*,?\s*$")


def _bracketed_title(words: str, lo: int) -> Said | None:
    """"Jane Doe (CEO & Managing Director) said": the person, with the title in brackets as
    an apposition ("(NYSE: XYZ)" after a firm is no title, and stays as it is)."""
    m = _BRACKETED.search(words)
    if m is None:
        return None
    if _TICKER_ONLY.match(m.group(1)):  # "Example Bank (NYSE: EXB) said": the firm
        return clause_subject(words[:m.start()], lo)
    if not any(is_title_word(w) for w in m.group(1).replace(",", " ").split()):
        return None
    found = clause_subject(words[:m.start()], lo)
    if found is None or " " not in found.subject or not is_person(found.subject):
        return None
    return Said(f"{found.subject}, {m.group(1)}", found.at)


def _person_then_title(words: str, lo: int) -> Said | None:
    """"Jane Doe, Senior Technical & Derivative Analyst at Example Securities said": the
    person a capitalised title after the last comma describes, with the title and firm
    (the title's own words, and a firm "by" its parent, would otherwise pass for the name)."""
    c = words.rfind(",")
    if c < 0:
        return None
    tail = words[c + 1:].split()
    # "an analyst at Example Securities said" (the comma before "said" left out): in lower
    # case after "a", "an" or "the", and then the firm must follow
    lead = 1 if tail and tail[0] in ("a", "an", "the") else 0
    if not tail or len(tail) > 12 or not (lead or tail[0][:1].isupper()):
        return None
    k = next((n for n, w in enumerate(tail) if w in _TITLE_ENDS), len(tail))
    head = tail[lead:k]
    if not head or len(head) > 6 or not any(w.lower() in TITLE_WORDS for w in head):
        return None
    if lead and not (k + 1 < len(tail) and tail[k + 1][:1].isupper()
                     and all(w.islower() or w in ("&", "-", "–") for w in head)):
        return None
    if not lead and not all(w[:1].isupper() or w in ("&", "and", "-", "–") for w in head):
        return None
    tokens = word_spans(words[:c])
    if not tokens:
        return None
    j = _phrase_start(tokens, len(tokens))
    if j >= len(tokens):
        return None
    name = words[tokens[j][0]:c]
    parts = name.split()
    if not 2 <= len(parts) <= 4 or not all(p[:1].isupper() for p in parts) or not is_person(name):
        return None
    start = tokens[j][0]
    return Said(words[start:].rstrip(" ,"), lo + start)


def _named_after_description(words: str, lo: int) -> Said | None:
    """"… fell 2%, after the country's biggest retailer, Example, said": the apposition in the
    verb's own clause, not a phrase of the clause before it."""
    cut = _clause_start(words)
    if words.count(",", cut) < 2:
        return None
    return apposition_subject(words[cut:], lo + cut)


def _listed_title(words: str, start: int, end: int, lo: int) -> Said | None:
    """"Jane Doe, MD & CEO, Example Bank said": the firm before the verb ends a list that
    names the person first (the Indian style), so the person speaks, not the firm."""
    prefix = words[:start].rstrip()[:-1]  # without the comma before the firm
    t = prefix.rfind(",")
    if t < 0 or not _title_list(prefix[t + 1:].split()):
        return None
    n = prefix.rfind(",", 0, t) + 1
    tokens = word_spans(prefix[n:t])
    j = _phrase_start(tokens, len(tokens)) if tokens else 0
    if j >= len(tokens):
        return None
    name_at = n + tokens[j][0]
    return Said(words[name_at:end], lo + name_at) if is_person(prefix[name_at:t]) else None


def _title_list(words: list[str]) -> bool:
    """"MD & CEO", "Head – Research", "founder": a title, capitalised or not."""
    return bool(words) and len(words) <= 6 and any(w.lower() in TITLE_WORDS for w in words) \
        and all(w.lower() in TITLE_WORDS or w[:1].isupper() or w in "&-–of" for w in words)


_CONJUNCTIONS: Final = frozenset({"and", "but", "or", "yet"})


def _shared_subject(words: str, lo: int) -> Said | None:
    """"X reported a loss and warned that …", "The bank said … but added that …": a verb
    right after a conjunction shares the subject of the verb before it."""
    verb = last_verb(words, 0)
    if verb is not None:
        return clause_subject(words[:verb.start], lo)
    return sentence_subject(words, lo, _clause_start(words))


def _skippable(token: str) -> bool:
    word = token.lower().strip(",")
    return word in _SKIP_BEFORE_VERB or (word.endswith("ly") and len(word) > 4)


def apposition_subject(words: str, lo: int) -> Said | None:
    """"Jane Doe, an analyst at X," / "… and Jane Doe, chief economist, Firm,": the name
    the apposition follows, with the apposition (for the title and organisation)."""
    parts = words.split(",")
    starts = [0]
    for part in parts[:-1]:
        starts.append(starts[-1] + len(part) + 1)
    chosen = next((k for k in range(len(parts) - 1) if parts[k + 1].strip()[:1].islower()
                   and _ends_in_subject(parts[k])), None)
    if chosen is None:  # not an opening phrase ("Commenting on the results, Jane Doe, …")
        chosen = next((k for k in range(len(parts)) if _ends_in_subject(parts[k])
                       and not (k == 0 and _opening_phrase(parts[k]))), None)
    if chosen is None:
        return None
    tokens = word_spans(parts[chosen])
    j = _phrase_start(tokens, len(tokens))
    start = starts[chosen] + tokens[j][0]
    return Said(words[start:].rstrip(" ,"), lo + start)


def _opening_phrase(part: str) -> bool:
    """"Commenting on the results", "In a note": a phrase a sentence opens with, before
    its subject."""
    words = part.split()
    return bool(words) and (words[0].endswith("ing") or _intro(part)) and len(words) > 1


def _ends_in_subject(part: str) -> bool:
    tokens = word_spans(part)
    return bool(tokens) and _phrase_start(tokens, len(tokens)) < len(tokens)


def _phrase_start(tokens: list[tuple[int, str]], i: int) -> int:
    """Where the noun phrase ending at token i-1 starts (i when there is none)."""
    last = tokens[i - 1][1]
    if last.lower() in PRONOUNS or last.lower() == "we":
        return i - 1
    end = i - 1 if last.lower() in CROWDS and i > 1 and last[:1].islower() else i
    j = end
    while j and _name_token(tokens[j - 1][1], j == end):
        j -= 1
    while j < end and tokens[j][1].lower() in ("of", "and", "&"):
        j += 1
    if 2 <= j < end and tokens[j - 1][1] in ("at", "from") and _name_token(tokens[j - 2][1], False):
        k = j - 2  # "Jane Doe at Example Securities": the person, with where they work
        while k and _name_token(tokens[k - 1][1], False) and tokens[k - 1][1][:1].isupper():
            k -= 1
        return k
    if j < end:
        return _described_by(tokens, j)  # "Japanese officials", "the CIO at X"
    if end < i:
        return i
    return _described_by(tokens, i - 1) if tokens[i - 1][1][:1].islower() else i


def _described_by(tokens: list[tuple[int, str]], j: int) -> int:
    """Extend a phrase back to the "the" it belongs to: "the CIO for fixed income at [X]",
    "the [company]", "the bank's finance [chief]"."""
    for k in range(j, max(-1, j - 8), -1):
        word = tokens[k][1]
        if k < j and (word.endswith((",", ".", ";", ":")) or word in _CLAUSE_WORDS):
            break  # "… fell after chief executive X warned": not back to "The shares"
        if k < j and word[:1].isupper() and word.endswith(("'s", "’s")):
            # "Japan's finance ministry", "the UK's biggest retailer"
            return k - 1 if k and tokens[k - 1][1].lower() == "the" else k
        if word.lower() in ("the", "its", "their"):
            if k == j or tokens[j][1][:1].islower() or tokens[j - 1][1] in _PREPOSITIONS:
                return k
            break
    return j if tokens[j][1][:1].isupper() else j + 1


_PREPOSITIONS: Final = frozenset({"at", "of", "for", "from", "with"})
_CLAUSE_WORDS: Final = frozenset("after as while when because since before that and but".split())


def _name_token(token: str, last: bool) -> bool:
    word = token.strip("()")
    if word in ("of", "&", "and", "de", "van", "von", "der"):
        return not last
    if word[:1].isupper():
        return not word.endswith(",") or last
    return not last and word.lower() in TITLE_WORDS  # which holds every role word


def sentence_subject(words: str, lo: int, cut: int) -> Said | None:
    """The subject a clause opens with, after any introductory phrase ("In a note, X …")."""
    clause = words[cut:]
    parts = clause.split(",")
    offset = cut
    for k, part in enumerate(parts):
        lead = part.strip()
        first = lead.split()[0] if lead.split() else ""
        if first and (first[:1].isupper() or first.lower() in _SUBJECT_STARTS or
                      titled_lead(lead.split())) and not (k + 1 < len(parts) and _intro(lead)):
            head = _lead_phrase(lead)
            if not head:
                return None
            where = part.find(head)  # "Shares in X rose": where X is, not where "Shares" is
            found = Said(head, lo + offset + (where if where >= 0 else part.find(lead)))
            described = _LEAD_DESCRIBED.match(lead)  # "Data provider X": X is a firm
            found.firm = described is not None and described.group(1) == head
            return found
        offset += len(part) + 1
    return None


def _intro(part: str) -> bool:
    """"In a note to clients", "On Monday", "However": a phrase before the subject."""
    first = part.split()[0].lower()
    return first in ("in", "on", "at", "for", "with", "after", "before", "however", "meanwhile",
                     "separately", "earlier", "later", "still", "yet", "but", "and", "speaking",
                     "asked", "writing", "by", "from", "during", "since", "as", "while")


_LEAD_NAME: Final = re.compile(r"(?:(?:" + UP + r"[\w.&'’-]*|of|and|&|de|van|von|(?:" + "|".join(
    sorted(TITLE_WORDS)) + r")(?=[ \t]+" + UP + r"))[ \t]+)*" + UP + r"[\w.&'’-]*")
_LEAD_DESCRIBED: Final = re.compile(r"(?:" + UP + r"[\w&'’-]*[ \t]+)?(?:[a-z-]+[ \t]+){0,3}(?:"
                                    + "|".join(sorted(ORG_NOUNS)) + r")[ \t]+(" + ORG + ")")
_LEAD_THE: Final = re.compile(r"(?:[Tt]he|[Ii]ts|[Tt]heir)(?:[ \t]+[a-z][\w'’-]*){1,3}")


_SHARES_IN: Final = re.compile(r"(?:Shares|Stock)[ \t]+(?:in|of)[ \t]+(" + ORG + ")")


def _lead_phrase(part: str) -> str | None:
    first = part.split()[0]
    k = titled_lead(part.split())
    if k:  # "trader Jane Doe", "chief executive Jane Doe"
        words = part.split()
        name = _LEAD_NAME.match(" ".join(words[k:]))
        return " ".join(words[:k]) + " " + name.group() if name else None
    if first.lower() in PRONOUNS or first.lower() == "we":
        return first
    m = _LEAD_THE.match(part)
    if m:
        verb = first_verb(m.group())  # "The brokerage said": the brokerage
        return m.group()[:verb.start].rstrip() if verb is not None else m.group()
    if first == "Shares" or first == "Stock":  # "Shares in X fell, despite it hailing …": X
        owner = _SHARES_IN.match(part)
        if owner:
            return owner.group(1)
    m = _LEAD_NAME.match(part)
    if m:
        described = _LEAD_DESCRIBED.match(part)  # "Information services provider X Ltd"
        return described.group(1) if described else m.group()
    words = part.split()
    return " ".join(words[:3]) if first.lower() in _SUBJECT_STARTS else None
