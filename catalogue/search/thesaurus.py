"""The multilingual thesaurus (thesaurus.yaml) applied to query words.

A query word found in a synonym group (compared by stems, so "forms" finds the group of
"form") is searched as any member of that group, and as any narrower term of the group. A
member of several words matches entries containing all of them.
"""

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .analysis import _WORD, STOP_WORDS, fold, keys

DATA = Path(__file__).with_name("thesaurus.yaml")

Phrase = tuple[str, ...]  # one member: its folded words


def phrase(text: str) -> Phrase:
    """A member's words, stop words left out; a hyphenated word is one word, written as the
    index joins it ("e-signature" -> "esignature", "back-up" -> "backup")."""
    found = []
    for piece in fold(text).split():
        parts = _WORD.findall(piece)
        found.extend(["".join(parts)] if "-" in piece else parts)
    meaningful = tuple(word for word in found if word and word not in STOP_WORDS)
    return meaningful or tuple(found)


@dataclass
class Group:
    members: list[Phrase]
    narrower: list[Phrase] = field(default_factory=list)

    @property
    def expansions(self) -> list[Phrase]:
        return list(dict.fromkeys([*self.members, *self.narrower]))


@dataclass
class Thesaurus:
    groups: list[Group]
    by_key: dict[str, list[int]]

    def expansions(self, word: str) -> list[Phrase]:
        """Every phrase a query word also finds (the word itself excluded)."""
        found = {}
        for index in sorted({i for key in keys(word) for i in self.by_key.get(key, ())}):
            for member in self.groups[index].expansions:
                if member != (word,):
                    found.setdefault(member, None)
        return list(found)

    @property
    def words(self) -> set[str]:
        """Every one-word member: typos are corrected towards them too."""
        return {
            member[0]
            for group in self.groups
            for member in group.members
            if len(member) == 1 and len(member[0]) > 1
        }


def build(data: dict) -> Thesaurus:
    groups = [Group(members=[phrase(text) for text in members]) for members in data["synonyms"]]
    for general, specific in (data.get("narrower") or {}).items():
        key = phrase(general)
        owners = [group for group in groups if key in group.members]
        if not owners:
            owners = [Group(members=[key])]
            groups.append(owners[0])
        for group in owners:
            group.narrower.extend(phrase(text) for text in specific)
    by_key: dict[str, list[int]] = {}
    for index, group in enumerate(groups):
        for member in group.members:
            if len(member) == 1:
                for key in keys(member[0]):
                    by_key.setdefault(key, []).append(index)
    return Thesaurus(groups=groups, by_key=by_key)


@cache
def thesaurus() -> Thesaurus:
    with DATA.open(encoding="utf-8") as handle:
        return build(yaml.safe_load(handle))
