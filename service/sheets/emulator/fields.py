"""Partial-response field masks (`fields=sheets(properties(sheetId,title))`) and update masks."""

from __future__ import annotations

from typing import Any

from .errors import bad_request

__all__ = ["FieldTree", "apply_mask", "parse_mask", "parse_update_mask", "wants"]

# A parsed mask: each selected name maps to its sub-mask; None selects everything below.
FieldTree = dict[str, "FieldTree | None"]


def parse_mask(text: str) -> FieldTree:
    """Parse a partial-response mask; `/` and `.` both separate path segments."""
    tree: FieldTree = {}
    rest = _parse_items(text.replace("/", ".").replace(" ", ""), 0, tree, text)
    if rest != len(text.replace("/", ".").replace(" ", "")):
        raise bad_request(f"Invalid field selection {text}", "fields")
    return tree


def parse_update_mask(text: str) -> FieldTree:
    """Parse an update mask; paths may be snake_case (proto names) or camelCase (JSON names)."""
    return _camel_tree(parse_mask(text))


def _camel_tree(tree: FieldTree) -> FieldTree:
    return {_camel(name): None if sub is None else _camel_tree(sub) for name, sub in tree.items()}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _parse_items(text: str, pos: int, tree: FieldTree, whole: str) -> int:
    while pos < len(text):
        start = pos
        while pos < len(text) and text[pos] not in ",()":
            pos += 1
        path = [name for name in text[start:pos].split(".") if name]
        if not path:
            raise bad_request(f"Invalid field selection {whole}", "fields")
        leaf = _descend(tree, path)
        if pos < len(text) and text[pos] == "(":
            sub: FieldTree = {}
            pos = _parse_items(text, pos + 1, sub, whole)
            if pos >= len(text) or text[pos] != ")":
                raise bad_request(f"Invalid field selection {whole}", "fields")
            pos += 1
            _merge(leaf, path[-1], sub)
        else:
            leaf[path[-1]] = None
        if pos < len(text) and text[pos] == ")":
            return pos
        if pos < len(text) and text[pos] == ",":
            pos += 1
    return pos


def _descend(tree: FieldTree, path: list[str]) -> FieldTree:
    node = tree
    for name in path[:-1]:
        child = node.get(name)
        if name in node and child is None:
            return {}  # an ancestor is already fully selected
        if child is None:
            child = node[name] = {}
        node = child
    return node


def _merge(node: FieldTree, name: str, sub: FieldTree) -> None:
    if name in node and node[name] is None:
        return
    existing = node.get(name)
    if existing is None:
        node[name] = sub
        return
    for key, value in sub.items():
        if value is None:
            existing[key] = None
        else:
            _merge(existing, key, value)


def wants(tree: FieldTree | None, *path: str) -> bool:
    """Tell whether a mask selects anything at or below the given path."""
    node = tree
    for name in path:
        if node is None:
            return True
        if name not in node:
            return False
        node = node[name]
    return True


def apply_mask(value: Any, tree: FieldTree | None) -> Any:
    """Keep only the masked parts of a JSON value; lists apply the mask to each item."""
    if tree is None:
        return value
    if isinstance(value, list):
        return [apply_mask(item, tree) for item in value]
    if isinstance(value, dict):
        return {key: apply_mask(value[key], sub) for key, sub in tree.items() if key in value}
    return value
