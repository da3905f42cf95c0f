"""The actor knowledge base: who a noun phrase names (country, sector, patron), on a given date.

``ActorKB`` is the tables of ``tables.py`` (loaded by ``ActorKB.load()`` or
``ActorKB.from_phoenix()``) with ``resolve``, which combines, in one pass over the phrase's word
n-grams (dict lookups, never a scan of the KB): named entities (longest match wins; a person's
role chosen by the date), countries, demonyms and capitals as metonyms, role nouns as sectors
(an ambiguous one read by its cues), "X-backed" as the patron X, and a named facility's country
from our gazetteer additions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from polemos.model import Actor
from polemos.resolve.actors.index import Entry, Role, best_role, key_of, words
from polemos.resolve.actors.tables import DATA_DIR, PREPOSITIONS, ActorTables

__all__ = ["DATA_DIR", "ActorKB"]  # DATA_DIR: where our actor files are, as tests and tools read it


@dataclass(frozen=True, slots=True)
class _Match:
    entry: Entry
    role: Role | None


class ActorKB(ActorTables):
    """The actor tables with phrase resolution: the actor a noun phrase names on a date."""

    def resolve(self, phrase: str, date: str | None, *, head: str | None = None) -> Actor | None:
        """The actor a noun phrase names on ``date`` (ISO day), or None when no word is known.

        Example: ``kb.resolve("Iran-backed militias", "2020-01-05")`` ->
        ``Actor(text="Iran-backed militias", sector="UAF", patron="IRN")``.
        """
        tokens = words(phrase)
        if not tokens:
            return None
        patron, used = self._patron(tokens)
        used |= self._opposed(tokens)
        # the head of "the President of Iraq" comes before the preposition: look there first
        cut = next((i for i, (w, _) in enumerate(tokens) if i and w in PREPOSITIONS), len(tokens))
        if cut < len(tokens) and tokens[cut][0] == "of" and tokens[cut - 1][0] in self.part_nouns:
            cut = len(tokens)  # "the Libyan branch of the Islamic State" is the group itself
        whole = self.names.matches(tokens, skip=used)
        found = whole if any(s < cut < e for s, e, _ in whole) else (
            self.names.matches(tokens[:cut], skip=used) or whole)
        place = any(e == cut for _, e, _ in self.facilities.matches(tokens[:cut]))
        if place:
            # "Al Asad air base", "Kabul airport": a place; a person or group named in it is not
            # the actor, a country named in it still gives the country
            found = [m for m in found if self._is_country(m[2])]
        covered = set(used).union(*(range(s, e) for s, e, _ in found))
        sector = None if place else (self._sector(tokens[:cut], covered, head, tokens)
                                     or self._sector(tokens, covered, None, tokens))
        mentioned = self._countries_in(found)
        match, name_end = None, 0
        if found:
            name_end, numbers = self._head_match(found, tokens, cut)
            match = self._pick(numbers, date, mentioned)
        elif not place:
            match = self._by_surname(tokens, covered, date, cut)
        if match is not None and match.entry.kind != "country":
            role = match.role
            former = any(w in self.former_markers for i, (w, _) in enumerate(tokens[:cut])
                         if i not in covered)
            own = None if match.entry.transnational else (
                role.country if role else _any_country(match.entry))
            return Actor(text=phrase, name=match.entry.name, id=match.entry.id,
                         country=own or _named_country(self._countries_in(whole), role),
                         sector=self._entity_sector(match, sector, tokens[name_end:cut],
                                                    covered, former, name_end),
                         patron=(role.patron if role else None) or patron)
        if match is not None:
            return Actor(text=phrase, name=match.entry.name, id=match.entry.id,
                         country=match.role.country if match.role else None, sector=sector,
                         patron=patron)
        country = self._place_country(tokens) if place else self._plural_demonym(tokens,
                                                                                   covered)
        if country is not None and sector is None and not place:
            sector = "CVL"  # "Algerians": the people of a country, not its state
        if sector is None and patron is None and country is None:
            return None
        return Actor(text=phrase, country=country, sector=sector, patron=patron)

    # ---- parts of resolve ---------------------------------------------------------------
    def _pick(self, numbers: Sequence[int], date: str | None,
              mentioned: set[str | None] | frozenset[str] = frozenset()) -> _Match:
        """Among entries sharing a name, the role to use on the date.

        Ranked by: a role in a country the phrase names ("French President Jacques Chirac",
        not co-prince of Andorra), then the higher layer, then a dated role holding on the date
        over an undated one, then the latest appointment. An open-ended role of a lower layer
        is superseded when a higher layer records a spell in the same country starting no
        earlier (Phoenix's "USAGOV >2009" ends where Wikidata ends Obama's term). A role with
        no country borrows one from a namesake of the same kind (OFAC names none, Phoenix does).
        """
        entries = [self.entries[n] for n in numbers]

        def superseded(entry: Entry, role: Role) -> bool:
            return role.until is None and any(
                other.layer > entry.layer and any(
                    r.is_dated and r.country == role.country and (r.start or "") >= (
                        role.start or "") for r in other.roles)
                for other in entries)

        pairs = [(e, r) for e in entries for r in e.roles if not superseded(e, r)]
        options = [(e, r) for e, r in pairs
                   if not r.is_dated or date is None or r.holds_on(date)]
        if not options:
            return _Match(entries[0], None)
        entry, role = max(options, key=lambda er: (
            er[1].country in mentioned, er[0].layer, er[1].is_dated,
            er[1].until or "9999" if date is None else "", er[1].start or ""))
        if role.country is None and not entry.transnational:
            borrowed = next((r.country for e, r in pairs
                             if r.country and e.kind == entry.kind), None)
            if borrowed:
                role = replace(role, country=borrowed)
        return _Match(entry, role)

    def _countries_in(self, found: Sequence[tuple[int, int, list[int]]]) -> set[str | None]:
        return {self.entries[nums[0]].roles[0].country for _, _, nums in found
                if self._is_country(nums) and self.entries[nums[0]].roles}

    def _is_country(self, numbers: Sequence[int]) -> bool:
        return bool(numbers) and self.entries[numbers[0]].kind == "country"

    def _head_match(self, found: Sequence[tuple[int, int, list[int]]],
                    tokens: Sequence[tuple[str, str]], cut: int) -> tuple[int, list[int]]:
        """The entries the phrase names: its rightmost name (English noun phrases are head-final:
        "NATO-member Norway", "French President Jacques Chirac"), except that a people's plural
        right after a country ("Bosnian Serbs", "Kosovo Albanians") is an ethnic group living
        in that country, as CAMEO codes it, and a country before a part noun after a group
        ("al-Qaeda's Yemeni affiliate") is where that part of the group acts. Returns where the
        name ends, and its entries."""
        start, end, numbers = max(found, key=lambda m: (m[1], m[1] - m[0]))
        if self._is_country(numbers) and tokens[end - 1][0].endswith("s"):
            left = next((m for m in found if m[1] == start and self._is_country(m[2])), None)
            if left is not None:
                return left[1], left[2]
        rest = [w for w, _ in tokens[end:cut]]
        if self._is_country(numbers) and rest and all(w in self.part_nouns for w in rest):
            groups = [m for m in found if m[1] <= start and not self._is_country(m[2])]
            if groups:
                group = max(groups, key=lambda m: m[1])
                return group[1], group[2]
        return end, numbers

    def _entity_sector(self, match: _Match, title: str | None, after: Sequence[tuple[str, str]],
                       covered: set[int], former: bool, offset: int) -> str | None:
        """A person's or organisation's sector, read with the role nouns around its name.

        A person named with "former" is an elite (ELI); a person whose role on the date is
        unknown or elite takes its ``title``'s sector ("President X" -> GOV). An organisation whose
        own sector says little (IGO, UAF, CVL, none) takes the last role noun after its name
        (``after``, the head's words from ``offset``): "UN peacekeepers" -> MIL, "Hutu rebel
        faction" -> REB.
        """
        own = match.role.sector if match.role else None
        if match.entry.kind == "person":
            if former:
                return "ELI"
            return title or own if own in (None, "ELI") else own
        if own in (None, "IGO", "UAF", "CVL"):
            skip = {i - offset for i in covered if i >= offset}
            nouns = self.agents.matches(after, skip=skip)
            if nouns:
                start, end, _ = max(nouns, key=lambda m: m[1])
                return self.agent_sector.get(" ".join(t[0] for t in after[start:end])) or own
        return own

    def _plural_demonym(self, tokens: Sequence[tuple[str, str]], covered: set[int]) -> str | None:
        """"Algerians": a plural of a demonym the KB knows only in the singular."""
        for i in range(len(tokens) - 1, -1, -1):
            word, raw = tokens[i]
            if i not in covered and len(word) > 4 and word.endswith("s"):
                country = self.country_of(raw[:-1])
                if country:
                    return country
        return None

    def _opposed(self, tokens: Sequence[tuple[str, str]]) -> set[int]:
        """The words of "anti-Syrian", "anti-US": a country the actor opposes is not its own."""
        out: set[int] = set()
        for i, (word, _) in enumerate(tokens[:-1]):
            if word in self.opponent_prefixes:
                for size in range(min(4, len(tokens) - i - 1), 0, -1):
                    if self.country_of(" ".join(t[1] for t in tokens[i + 1:i + 1 + size])):
                        out.update(range(i, i + 1 + size))
                        break
        return out

    def _patron(self, tokens: Sequence[tuple[str, str]]) -> tuple[str | None, set[int]]:
        """``Iran-backed``, ``US-supported``: the country before a patron marker is the patron."""
        for i, (word, _) in enumerate(tokens):
            if word in self.patron_prefixes and i + 1 < len(tokens):  # "pro-Iranian militias"
                for size in range(min(4, len(tokens) - i - 1), 0, -1):
                    country = self.country_of(" ".join(t[1] for t in tokens[i + 1:i + 1 + size]))
                    if country:
                        return country, set(range(i, i + 1 + size))
            if i == 0 or word not in self.patron_markers:
                continue
            for size in range(min(4, i), 0, -1):
                country = self.country_of(" ".join(t[1] for t in tokens[i - size:i]))
                if country:
                    return country, set(range(i - size, i + 1))
        return None, set()

    def _sector(self, tokens: Sequence[tuple[str, str]], covered: set[int],
                head: str | None, phrase: Sequence[tuple[str, str]]) -> str | None:
        """The sector of the role noun in the phrase: the head's if it is one, else the
        rightmost (the head of an English noun phrase comes last); an ambiguous noun is read
        with the cues in the whole ``phrase``."""
        if head:
            key = key_of(head)
            sector = self._sense(key, phrase, covered) if key in self.senses else (
                self.agent_sector.get(key))
            if sector:
                return sector
        found = self.agents.matches(tokens, skip=covered)
        if not found:
            return None
        start, end, _ = max(found, key=lambda m: m[1])
        key = " ".join(t[0] for t in tokens[start:end])
        return self._sense(key, phrase, covered) if key in self.senses else (
            self.agent_sector.get(key))

    def _sense(self, noun: str, phrase: Sequence[tuple[str, str]], covered: set[int]) -> str | None:
        """The sector of the ambiguous role noun ``noun`` read with its phrase's cues; another
        ambiguous noun is no cue ("deputy commander" is no police officer)."""
        nouns = [(s, key) for s, e, _ in self.agents.matches(phrase, skip=covered)
                 if (key := " ".join(t[0] for t in phrase[s:e])) == noun or key not in self.senses]
        return self.senses[noun].read(noun, nouns, [w for w, _ in phrase], self.agent_sector)

    def _place_country(self, tokens: Sequence[tuple[str, str]]) -> str | None:
        """The country of the named facility in a place phrase ("Al Asad air base"), if known."""
        found = self.places.matches(tokens)
        return self.place_countries[found[0][2][0]] if found else None

    def _by_surname(self, tokens: Sequence[tuple[str, str]], covered: set[int],
                    date: str | None, cut: int) -> _Match | None:
        """"President Trump": a surname names a person only if exactly one person bearing it
        holds a dated role on the date (else it is too ambiguous to use), and only where a name
        can stand: at the end of the phrase's head, or before a role noun of the person's own
        sector ("Trump administration"); "Young Algerians" and "Christian missionary" use the
        words, not the surnames."""
        for start, end, numbers in self.surnames.matches(tokens[:cut], skip=covered):
            if not tokens[start][1][:1].isupper():
                continue
            holders: dict[tuple[str, str | None], _Match] = {}
            for n in numbers:
                entry = self.entries[n]
                role = best_role([r for r in entry.roles if r.is_dated], date)
                if role is not None and (date is not None or role.until is None):
                    holders.setdefault((entry.name.lower(), role.country), _Match(entry, role))
            if len({k[1] for k in holders}) != 1:
                continue
            found = next(iter(holders.values()))
            if end == cut or self._role_noun_at(tokens[end:cut]) == (
                    found.role.sector if found.role else None):
                return found
        return None

    def _role_noun_at(self, tokens: Sequence[tuple[str, str]]) -> str | None:
        """The sector of the role noun that starts ``tokens``, if one does."""
        starting = [m for m in self.agents.matches(tokens) if m[0] == 0]
        if not starting:
            return None
        return self.agent_sector.get(" ".join(t[0] for t in tokens[:starting[0][1]]))


def _any_country(entry: Entry) -> str | None:
    return next((r.country for r in entry.roles if r.country), None)


def _named_country(mentioned: set[str | None], role: Role | None) -> str | None:
    """For a group the KB gives no country, the one country its phrase names ("Iraq's
    al-Qaeda", "al-Qaeda in Yemen"); never for IGOs and NGOs, which act across countries."""
    named = sorted(c for c in mentioned if c)
    if len(named) != 1 or (role is not None and role.sector in ("IGO", "NGO")):
        return None
    return named[0]
