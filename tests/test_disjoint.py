"""Disjoint sets: groups, their roots, and the order that picks a root."""

from __future__ import annotations

from kg.disjoint import DisjointSets


def test_joined_items_share_the_first_as_root() -> None:
    sets: DisjointSets[int] = DisjointSets()
    sets.union(3, 1)
    sets.union(5, 3)
    sets.find(9)
    assert sets.find(5) == 1
    assert sets.groups() == {1: [3, 1, 5], 9: [9]}


def test_the_order_chooses_the_root_whatever_the_order_of_joins() -> None:
    dates = {"b": "2016-11-07", "a": "2016-11-06", "c": "2016-11-08"}
    one: DisjointSets[str] = DisjointSets(dates.__getitem__)
    one.union("c", "b")
    one.union("b", "a")
    other: DisjointSets[str] = DisjointSets(dates.__getitem__)
    other.union("a", "c")
    other.union("b", "c")
    assert one.find("c") == other.find("b") == "a"
