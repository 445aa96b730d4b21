"""Links the mentions of one article into chains, each under its fullest name.

- aliases and acronyms from ``data/aliases.tsv`` (``PMU`` -> Popular Mobilization Units),
  and acronyms spelled out in the article (``Popular Mobilization Units`` ... ``PMU``);
- country demonyms to their country (``Israeli`` -> Israel) and capitals to their
  country where the capital acts (``Washington denied``);
- short forms to the one full name they end (``Romanowski`` -> Alina Romanowski), never
  when two full names in the article end the same way;
- spelling variants to one another (``Al-Yaqobi``, ``Al-Yaqoubi``);
- role references to the one person introduced with that role (``US Ambassador to Iraq
  Alina Romanowski`` ... ``the ambassador``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from rashomon.records import EntityHow, EntityMention, Geocoded, Mention

from .labels import NOT_A_NAME, corrected_label, has_org_word
from .lexicon import entity_lexicon
from .names import fold, is_short_form, same_name, words

CountryOf = Callable[[str], str | None]
_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NEXT_WORD = re.compile(r"\s*[A-Za-z]+")
_CAPITALIZED_NAME = re.compile(r"\s+[A-Z][a-z]")


def link_mentions(
    text: str,
    mentions: Sequence[Mention],
    *,
    article_id: str,
    source: str | None = None,
    country_of: CountryOf | None = None,
    places: Sequence[Geocoded] = (),
) -> tuple[EntityMention, ...]:
    """The article's actor and place mentions, each with its chain's name, plus role
    references found in the text. A mention the geocoder placed (``places``) is a place
    whatever the model's label, unless its name is an organization's."""
    placed = {(p.start, p.end) for p in places}
    linked = [
        _first_name(m, text, source, country_of, (m.start, m.end) in placed)
        for m in mentions
        if m.label in _ACTORS
    ]
    linked = [m for m in linked if m.label != NOT_A_NAME]
    linked = _link_short_forms(linked)
    linked = _link_acronyms(linked)
    linked = _link_spellings(linked)
    roles = _role_references(text, linked, article_id)
    return tuple(sorted([*linked, *roles], key=lambda m: (m.start, m.end)))


def _first_name(
    mention: Mention,
    text: str,
    source: str | None,
    country_of: CountryOf | None,
    placed: bool = False,
) -> EntityMention:
    label = corrected_label(mention, text, source)
    if placed and label in ("PERSON", "ORG") and not has_org_word(mention.text):
        label = "GPE"
    name, how = mention.text, "name"
    name = re.sub(r"^(?:the|The)\s+", "", name)
    name = re.sub(r"['’]s$", "", name)
    alias = entity_lexicon().aliases.get(fold(name))
    if alias is not None and (alias.kind != "metonym" or _acts(text, mention.end)):
        name, label, how = alias.name, alias.label, alias.kind
    elif label in ("NORP", "GPE") and country_of is not None:
        country = country_of(name)
        if country is not None and fold(country) != fold(name):
            name, label, how = country, "GPE", "demonym" if mention.label == "NORP" else "alias"
    return EntityMention(
        article_id=mention.article_id,
        start=mention.start,
        end=mention.end,
        text=mention.text,
        label=label,
        name=name,
        how=how,  # type: ignore[arg-type]
    )


def _acts(text: str, end: int) -> bool:
    """The name at ``end`` is the subject of a statement (``Washington denied``); a
    possessive is not enough (``Beirut's southern suburbs`` is a place)."""
    following = _NEXT_WORD.match(text, end)
    if following is None:
        return False
    word = following.group(0).strip().casefold()
    return word in entity_lexicon().metonym_verbs


def _with_name(mention: EntityMention, name: str, how: EntityHow) -> EntityMention:
    return EntityMention(
        article_id=mention.article_id,
        start=mention.start,
        end=mention.end,
        text=mention.text,
        label=mention.label,
        name=name,
        how=how,
    )


def _link_short_forms(mentions: list[EntityMention]) -> list[EntityMention]:
    full = {m.name for m in mentions if m.label == "PERSON" and len(words(m.name)) > 1}
    out = []
    for mention in mentions:
        one_word = len(words(mention.name)) == 1 and mention.text[:1].isupper()
        if mention.label in ("PERSON", "ORG") and mention.how == "name" and one_word:
            owners = {f for f in full if is_short_form(mention.name, f)}
            owners = _one_per_spelling(owners)
            if len(owners) == 1:
                owner = owners.pop()
                out.append(_as_person(_with_name(mention, owner, "short")))
                continue
        out.append(mention)
    return out


def _as_person(mention: EntityMention) -> EntityMention:
    """A short form of a person's name is that person, whatever the model's label."""
    return EntityMention(
        article_id=mention.article_id,
        start=mention.start,
        end=mention.end,
        text=mention.text,
        label="PERSON",
        name=mention.name,
        how=mention.how,
    )


def _one_per_spelling(names: set[str]) -> set[str]:
    kept: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        if not any(same_name(name, other) for other in kept):
            kept.append(name)
    return set(kept)


def _initials(name: str) -> str:
    return "".join(
        w[0]
        for w in name.split()
        if w.casefold() not in entity_lexicon().acronym_skip and w[:1].isalpha()
    )


def _link_acronyms(mentions: list[EntityMention]) -> list[EntityMention]:
    orgs = {m.name for m in mentions if m.label == "ORG" and len(m.name.split()) > 1}
    out = []
    for mention in mentions:
        text = mention.text.replace(".", "")
        if mention.how == "name" and text.isupper() and 2 <= len(text) <= 6:
            owners = {o for o in orgs if _initials(o).upper() == text}
            if len(owners) == 1:
                out.append(_with_name(mention, owners.pop(), "acronym"))
                continue
        out.append(mention)
    return out


def _link_spellings(mentions: list[EntityMention]) -> list[EntityMention]:
    """Variant spellings of one name in one article take its most frequent spelling."""
    counts = Counter(m.name for m in mentions)
    canonical: dict[str, str] = {}
    for name, _ in counts.most_common():
        for chosen in set(canonical.values()):
            if same_name(name, chosen):
                canonical[name] = chosen
                break
        else:
            canonical[name] = name
    return [
        m if canonical[m.name] == m.name else _with_name(m, canonical[m.name], m.how)
        for m in mentions
    ]


def _role_references(
    text: str, mentions: list[EntityMention], article_id: str
) -> list[EntityMention]:
    lexicon = entity_lexicon()
    holders: dict[str, set[str]] = {}
    introduced: dict[str, int] = {}
    for mention in mentions:
        if mention.label != "PERSON" or len(words(mention.name)) < 2:
            continue
        for role in _roles_around(text, mention):
            holders.setdefault(role, set()).add(mention.name)
            introduced[role] = min(introduced.get(role, mention.end), mention.end)
    found = []
    taken = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    for role, names in holders.items():
        names = _one_per_spelling(names)
        if len(names) != 1:
            continue  # two people hold the role here: "the minister" is ambiguous
        name = names.pop()
        modifiers = rf"(?:[\w'’.-]+\s+){{0,{lexicon.role_modifiers_max}}}?"
        pattern = re.compile(rf"\b[Tt]he\s+{modifiers}{re.escape(role)}\b", re.IGNORECASE)
        for match in pattern.finditer(text, introduced[role]):
            start, end = match.start(), match.end()
            if _longest_role(text[start:end]) != role or _CAPITALIZED_NAME.match(text, end):
                continue  # "the prime minister" is not "the minister"; "the envoy John X"
            if lexicon.not_current & set(text[start:end].casefold().split()):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            found.append(
                EntityMention(
                    article_id=article_id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    label="PERSON",
                    name=name,
                    how="role",
                )
            )
    return found


def _longest_role(phrase: str) -> str | None:
    lowered = " ".join(phrase.casefold().split())
    for role in entity_lexicon().role_nouns:  # longest first
        if lowered.endswith(role):
            return role
    return None


def _roles_around(text: str, mention: EntityMention) -> set[str]:
    """Roles given to a person where the name is introduced: ``US Ambassador to Iraq
    Alina Romanowski``, ``Alina Romanowski, the US ambassador``."""
    roles = set()
    line_start = max(text.rfind("\n", 0, mention.start), text.rfind(". ", 0, mention.start)) + 1
    before = " ".join(text[max(line_start, mention.start - 80) : mention.start].casefold().split())
    office = "|".join(map(re.escape, entity_lexicon().places_of_office))
    before = re.sub(rf"\s+(?:{office})\s+[\w'’ -]+$", "", before) if before else before
    for role in entity_lexicon().role_nouns:
        if re.search(
            rf"\b{re.escape(role)}\b(?:\s+(?:{office})\s+[\w'’-]+(?:\s+[\w'’-]+)?)?\s*$", before
        ):
            roles.add(role)
            break
    after = text[mention.end : mention.end + 80].casefold()
    appositive = re.match(
        r",\s+(?:the|a|an|[\w'’]+['’]s)\s+([\w'’ -]+?)(?:,|\.|\s+said|\s+told|$)", after
    )
    given = _longest_role(appositive.group(1)) if appositive else None
    if given is not None:
        roles.add(given)
    return roles
