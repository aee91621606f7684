"""The one error vocabulary: a closed set of codes, each answered with one status."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from service.errors import (
    STATUS,
    Conflict,
    ErrorCode,
    Forbidden,
    InvalidRequest,
    NotFound,
    NotShared,
    PayloadTooLarge,
    QuotaExhausted,
    ScorecardError,
    Unauthenticated,
    Unavailable,
    UnsupportedMediaType,
    UpstreamError,
    ValidationFailed,
)

SERVICE = Path(__file__).resolve().parents[1] / "service"


def test_every_code_has_one_status() -> None:
    assert set(STATUS) == set(ErrorCode)
    assert all(400 <= code.status <= 599 for code in ErrorCode)
    assert ErrorCode.TAB_NOT_FOUND.status == 404


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidRequest, 400),
        (ValidationFailed, 422),
        (PayloadTooLarge, 413),
        (UnsupportedMediaType, 415),
        (Unauthenticated, 401),
        (Forbidden, 403),
        (NotShared, 403),
        (NotFound, 404),
        (Conflict, 409),
        (QuotaExhausted, 429),
        (UpstreamError, 502),
        (Unavailable, 503),
    ],
)
def test_each_class_answers_its_status(error: type[ScorecardError], status: int) -> None:
    raised = error("what to do")
    assert raised.status == status == raised.code.status
    assert raised.to_body().model_dump(mode="json") == {
        "error": {"code": str(raised.code), "message": "what to do", "fields": {}}
    }


def test_a_code_of_another_status_is_refused() -> None:
    assert NotFound("gone", code=ErrorCode.TAB_NOT_FOUND).status == 404
    with pytest.raises(TypeError, match="layout_ambiguous"):
        NotFound("x", code=ErrorCode.LAYOUT_AMBIGUOUS)


def _keyword_literals(tree: ast.AST) -> list[tuple[int, str]]:
    """Raise sites that pass a string literal as `code=`, or any `status=` to an error."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        for keyword in node.keywords:
            literal = isinstance(keyword.value, ast.Constant) and isinstance(
                keyword.value.value, str
            )
            if keyword.arg == "code" and literal:
                found.append((node.lineno, f"{name}(code={keyword.value.value!r})"))
            if keyword.arg == "status" and name[:1].isupper() and name not in {"Health"}:
                error_class = name.endswith(("Error", "Request", "Failed", "Found", "Shared"))
                if error_class or name in {"Forbidden", "Conflict", "Unavailable"}:
                    found.append((node.lineno, f"{name}(status=...)"))
    return found


def test_no_raise_site_spells_a_code_or_overrides_a_status() -> None:
    offenders = [
        f"{path.relative_to(SERVICE)}:{line}: {call}"
        for path in SERVICE.rglob("*.py")
        if "emulator" not in path.parts
        for line, call in _keyword_literals(ast.parse(path.read_text()))
    ]
    assert offenders == []
