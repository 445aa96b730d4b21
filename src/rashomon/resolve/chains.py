"""Links the mentions of one article into chains, each under its fullest name.

- aliases and acronyms from ``data/aliases.tsv`` (``PMU`` -> Popular Mobilization Units),
  and acronyms spelled out in the article (``Popular Mobilization Units`` ... ``PMU``);
- country demonyms to their country (``Israeli`` -> Israel) and capitals to their
  country where the capital acts (``Washington denied``);
- shorter forms to the one full name they are part of, last word kept (``Romanowski`` ->
  Alina Romanowski, ``Tayyip Erdogan`` -> Recep Tayyip Erdoğan), never when two full
  names in the article fit, whatever label the model gave either (a full name tagged
  ORG with a shorter form tagged PERSON is a person);
- spelling variants to one another (``Al-Yaqobi``, ``Al-Yaqoubi``);
- role references to the one person introduced with that role (``US Ambassador to Iraq
  Alina Romanowski`` ... ``the ambassador``), and only where the reference's capitalized
  qualifiers were the introduction's (``the French president`` is not ``Syrian President
  Bashar al-Assad``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from rashomon.records import EntityHow, EntityMention, Geocoded, Mention

from .labels import NOT_A_NAME, KnownPlace, corrected_labels, has_org_word, speaks, titled
from .lexicon import entity_lexicon
from .names import fold, is_part_of, same_name, same_word, words

CountryOf = Callable[[str], str | None]
_ACTORS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
_NEXT_WORD = re.compile(r"\s*[A-Za-z]+")
_CAPITALIZED_NAME = re.compile(r"\s+[A-Z][a-z]")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+$")
_AREAS = frozenset({"country", "region", "district"})


def link_mentions(
    text: str,
    mentions: Sequence[Mention],
    *,
    article_id: str,
    source: str | None = None,
    country_of: CountryOf | None = None,
    places: Sequence[Geocoded] = (),
    known_place: KnownPlace | None = None,
) -> tuple[EntityMention, ...]:
    """The article's actor and place mentions, each with its chain's name, plus role
    references found in the text. Labels are the rule layer's (``corrected_labels``,
    with the gazetteer's ``known_place`` when given). A mention the geocoder placed
    (``places``) is a place, unless its name is an organization's or the model tagged
    it an organization and nothing says place: a country, region or district, or a locative
    before a town of that very name (``from Herat``); a town known by it as an alternate
    name is no reason (``at Google``: GeoNames knows Topeka as ``Google``)."""
    placed = {(p.start, p.end): p for p in places}
    actors = [m for m in mentions if m.label in _ACTORS]
    labels = corrected_labels(actors, text, source, known_place)
    linked = [
        _first_name(m, label, text, country_of, placed.get((m.start, m.end)))
        for m, label in zip(actors, labels, strict=True)
        if label != NOT_A_NAME
    ]
    linked = _people_named_in_full(text, linked, placed)
    linked = _link_short_forms(linked, placed)
    linked = _link_acronyms(linked)
    linked = _link_spellings(linked)
    roles = _role_references(text, linked, article_id, country_of)
    return tuple(sorted([*linked, *roles], key=lambda m: (m.start, m.end)))


def _first_name(
    mention: Mention,
    label: str,
    text: str,
    country_of: CountryOf | None,
    place: Geocoded | None = None,
) -> EntityMention:
    if place is not None and _is_place(mention, label, text, place):
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


def _is_place(mention: Mention, label: str, text: str, place: Geocoded) -> bool:
    """Whether a mention the geocoder placed is that place (see ``link_mentions``)."""
    if label not in ("PERSON", "ORG") or has_org_word(mention.text):
        return False
    if label == "PERSON" or _is_area(place):
        return True
    if not same_name(place.place.name, mention.text):
        return False  # a namesake: GeoNames knows Topeka as "Google"
    before = _WORD_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
    return before is not None and before.group(1).casefold() in entity_lexicon().locatives


def _is_area(place: Geocoded) -> bool:
    return place.place.precision in _AREAS and place.place.note is None


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


def _people_named_in_full(
    text: str, mentions: list[EntityMention], placed: dict[tuple[int, int], Geocoded]
) -> list[EntityMention]:
    """A full name the model tagged otherwise is a person when the article also names
    that person by a shorter form tagged PERSON (``Recep Tayyip Erdoğan`` tagged ORG,
    ``Tayyip Erdogan`` PERSON), a lone word only where it acts as a person (a title
    before it, ``Erdoğan said``): the model tags products as people too (``Firefox``
    of ``Mozilla Firefox``). Never a name the geocoder placed or an organization's."""
    persons = {
        m.name
        for m in mentions
        if m.label == "PERSON"
        and m.how == "name"
        and (
            len(words(m.name)) > 1
            or any(_acts_as_person(text, n) for n in mentions if n.name == m.name)
        )
    }
    out = []
    for mention in mentions:
        if (
            mention.label in ("ORG", "NORP", "GPE")
            and mention.how == "name"
            and len(words(mention.name)) > 1
            and (mention.start, mention.end) not in placed
            and not has_org_word(mention.name)
            and any(is_part_of(person, mention.name) for person in persons)
        ):
            mention = _as_person(mention)
        out.append(mention)
    return out


def _acts_as_person(text: str, mention: EntityMention) -> bool:
    return titled(text, mention.start) or speaks(text, mention.end)


def _link_short_forms(
    mentions: list[EntityMention], placed: dict[tuple[int, int], Geocoded]
) -> list[EntityMention]:
    """A shorter form of one full person name in the article is that person: tagged
    PERSON or ORG, or tagged a place the geocoder did not place as a country or
    region (``Montalvo`` tagged GPE, of ``Daniel Montalvo``)."""
    full = {m.name for m in mentions if m.label == "PERSON" and len(words(m.name)) > 1}
    out = []
    for mention in mentions:
        place = placed.get((mention.start, mention.end))
        if (
            mention.how == "name"
            and mention.text[:1].isupper()
            and not has_org_word(mention.name)
            and (mention.label in ("PERSON", "ORG") or place is None or not _is_area(place))
        ):
            owners = _fullest({f for f in full if is_part_of(mention.name, f)})
            if len(owners) == 1:
                out.append(_as_person(_with_name(mention, owners.pop(), "short")))
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


def _fullest(names: set[str]) -> set[str]:
    """The names that are no part of another (``Tayyip Erdogan`` is part of ``Recep
    Tayyip Erdoğan``), one per spelling."""
    return _one_per_spelling({n for n in names if not any(is_part_of(n, o) for o in names)})


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
    text: str,
    mentions: list[EntityMention],
    article_id: str,
    country_of: CountryOf | None = None,
) -> list[EntityMention]:
    lexicon = entity_lexicon()
    # role -> the person's name -> (where the role was first given, its qualifiers)
    holders: dict[str, dict[str, tuple[int, set[str]]]] = {}
    for mention in mentions:
        if mention.label != "PERSON" or len(words(mention.name)) < 2:
            continue
        for role, qualifiers in _roles_around(text, mention).items():
            known = holders.setdefault(role, {})
            end, before = known.get(mention.name, (mention.end, set()))
            known[mention.name] = (min(end, mention.end), before | qualifiers)
    found = []
    taken = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    for role, named in holders.items():
        modifiers = rf"(?:[\w'’.-]+\s+){{0,{lexicon.role_modifiers_max}}}?"
        pattern = re.compile(rf"\b[Tt]he\s+{modifiers}{re.escape(role)}\b", re.IGNORECASE)
        first = min(end for end, _ in named.values())
        for match in pattern.finditer(text, first):
            start, end = match.start(), match.end()
            if _longest_role(text[start:end]) != role or _CAPITALIZED_NAME.match(text, end):
                continue  # "the prime minister" is not "the minister"; "the envoy John X"
            if lexicon.not_current & set(text[start:end].casefold().split()):
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            wanted = _qualifiers(text[start:end].split()[1 : -len(role.split())])
            names = _one_per_spelling(
                {
                    name
                    for name, (introduced, given) in named.items()
                    if introduced <= start and _qualified(wanted, given, country_of)
                }
            )
            if len(names) != 1:
                continue  # two people hold the role here: "the minister" is ambiguous
            found.append(
                EntityMention(
                    article_id=article_id,
                    start=start,
                    end=end,
                    text=text[start:end],
                    label="PERSON",
                    name=names.pop(),
                    how="role",
                )
            )
    return found


def _qualifiers(words_before_role: Sequence[str]) -> set[str]:
    """The capitalized words qualifying a role (``US``, ``Syrian``), folded."""
    return {fold(w.strip(",")) for w in words_before_role if w[:1].isupper()}


def _qualifiers_before(words_before: Sequence[str]) -> set[str]:
    """The capitalized words right before a role where it is given (``Syrian`` of
    ``Syrian President``), up to the first other word or punctuation, and the words
    together (``United States``, which ``US`` names too)."""
    kept: list[str] = []
    for word in reversed(words_before[-entity_lexicon().role_modifiers_max :]):
        if not word[:1].isupper() or word[-1] in ",;:":
            break
        kept.insert(0, word)
    phrase = {fold(" ".join(kept))} if len(kept) > 1 else set()  # "United States"
    return _qualifiers(kept) | phrase


def _qualified(wanted: set[str], given: set[str], country_of: CountryOf | None) -> bool:
    """Each qualifier of a reference (``the French president``) was given the person
    where the role was (``Syrian President Bashar al-Assad`` was not): the same word,
    or the same country (``Syrian``, ``Syria's``)."""
    return all(any(_same_qualifier(w, g, country_of) for g in given) for w in wanted)


def _same_qualifier(a: str, b: str, country_of: CountryOf | None) -> bool:
    if same_word(a, b):
        return True
    if country_of is None:
        return False
    country = country_of(a)
    return country is not None and country == country_of(b)


def _longest_role(phrase: str) -> str | None:
    lowered = " ".join(phrase.casefold().split())
    for role in entity_lexicon().role_nouns:  # longest first
        if lowered.endswith(role):
            return role
    return None


def _roles_around(text: str, mention: EntityMention) -> dict[str, set[str]]:
    """Roles given to a person where the name is introduced, each with its capitalized
    qualifiers: ``US Ambassador to Iraq Alina Romanowski`` (ambassador: US), ``Alina
    Romanowski, the US ambassador`` (ambassador: US)."""
    roles: dict[str, set[str]] = {}
    line_start = max(text.rfind("\n", 0, mention.start), text.rfind(". ", 0, mention.start)) + 1
    before = " ".join(text[max(line_start, mention.start - 80) : mention.start].split())
    office = "|".join(map(re.escape, entity_lexicon().places_of_office))
    before = re.sub(rf"\s+(?:{office})\s+[\w'’ -]+$", "", before, flags=re.IGNORECASE)
    for role in entity_lexicon().role_nouns:
        found = re.search(
            rf"\b{re.escape(role)}\b(?:\s+(?:{office})\s+[\w'’-]+(?:\s+[\w'’-]+)?)?\s*$",
            before,
            re.IGNORECASE,
        )
        if found:
            roles[role] = _qualifiers_before(before[: found.start()].split())
            break
    after = text[mention.end : mention.end + 80]
    appositive = re.match(
        r",\s+(?:the|a|an|[\w'’]+['’]s)\s+([\w'’ -]+?)(?:,|\.|\s+said|\s+told|$)",
        after,
        re.IGNORECASE,
    )
    given = _longest_role(appositive.group(1)) if appositive else None
    if appositive is not None and given is not None:
        phrase = appositive.group(1).split()
        roles.setdefault(given, set()).update(_qualifiers_before(phrase[: -len(given.split())]))
    return roles
