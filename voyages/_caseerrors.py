"""Turn pydantic's errors on a case file into one line per field, and patch them over.

The case loader (:mod:`voyages.casefile`) promises every problem at once.
Pydantic stops nothing, but its errors leave no model to run the semantic
checks (places, references, times) on. This module

- folds pydantic's errors by field: the branches of a union (``value:
  int | float`` gives ``value.int`` and ``value.float``) become one line for
  the field the user wrote (:func:`field_problems`);
- patches a copy of the data so that it validates (:func:`patched`): a bad
  optional field is dropped, a bad required field or list item gets an inert
  stand-in carrying :data:`STAND_IN`, so the semantic checks can run on
  everything else. Lines the semantic checks then report at (or about) a
  patched field are left out (:func:`keep_semantic`): the field's own line
  says what is wrong with it.

Private: imported by the loader only, so ``import voyages`` does not load
pydantic.
"""

from __future__ import annotations

import copy
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

STAND_IN = "\ufffdinvalid"
"""Text of the stand-ins put where a required text field did not validate."""

# What a value should have been, by pydantic error type (for union branches).
_EXPECTED = {
    "finite_number": "a finite number",
    "int_type": "an integer", "int_parsing": "an integer", "int_from_float": "an integer",
    "float_type": "a number", "float_parsing": "a number",
    "string_type": "a text string", "bool_type": "true or false",
    "bool_parsing": "true or false", "list_type": "a list", "dict_type": "a table",
    "model_type": "a table", "model_attributes_type": "a table",
    "date_type": "a date", "date_parsing": "a date", "date_from_datetime_parsing": "a date",
    "tuple_type": "a list",
}


def _unwrap(annotation: Any) -> list[Any]:
    """The alternatives of a (possibly optional / union) annotation."""
    origin = typing.get_origin(annotation)
    if origin is typing.Union or origin is types.UnionType:
        out = []
        for arg in typing.get_args(annotation):
            out.extend(_unwrap(arg))
        return out
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    return [annotation]


def _model_of(annotation: Any) -> type[BaseModel] | None:
    for alt in _unwrap(annotation):
        if isinstance(alt, type) and issubclass(alt, BaseModel):
            return alt
    return None


def _item_model_of(annotation: Any) -> type[BaseModel] | None:
    """``X`` for ``list[X]`` (X a model), else None."""
    for alt in _unwrap(annotation):
        if typing.get_origin(alt) is list:
            return _model_of(typing.get_args(alt)[0])
    return None


def _field_loc(model: type[BaseModel], loc: tuple) -> tuple:
    """The part of ``loc`` that names fields and list items the user wrote.

    Union branch tags (``int``, ``float``, ``function-after[...]``) and the
    insides of free-form fields are cut off.
    """
    out: list[Any] = []
    current: type[BaseModel] | None = model
    item: type[BaseModel] | None = None
    for part in loc:
        if isinstance(part, int):
            if item is None:
                break
            out.append(part)
            current, item = item, None
            continue
        if current is None or part not in current.model_fields:
            if current is not None and item is None:
                out.append(part)  # an unknown field: keep its name
            break
        out.append(part)
        annotation = current.model_fields[part].annotation
        item = _item_model_of(annotation)
        current = _model_of(annotation)
    return tuple(out)


def _message(errors: Sequence[Mapping[str, Any]]) -> str:
    """One message for the errors pydantic gave on one field."""
    kinds = [e.get("type", "") for e in errors]
    if "missing" in kinds:
        return "required field is missing"
    if "extra_forbidden" in kinds:
        return "unknown field"
    texts = list(dict.fromkeys(_lower(e.get("msg", "invalid value")) for e in errors))
    if len(errors) == 1 or len(texts) == 1:
        if kinds[0] == "finite_number":
            return "expected a finite number"
        if kinds[0] in ("model_type", "model_attributes_type", "dict_type"):
            return "expected a table"
        return texts[0]
    expected = list(dict.fromkeys(_EXPECTED.get(k, "") for k in kinds))
    if "" in expected:  # a constraint (e.g. '> 0') rather than a type: say each once
        return "; ".join(texts)
    if "a number" in expected and "an integer" in expected:
        expected.remove("an integer")
    got = errors[0].get("input")
    return f"expected {' or '.join(expected)}, got {got!r}"


def _lower(message: str) -> str:
    return message[0].lower() + message[1:] if message else "invalid value"


def field_problems(model: type[BaseModel],
                   errors: Sequence[Mapping[str, Any]]) -> list[tuple[tuple, str]]:
    """``(field loc, message)`` per field, in pydantic's order, union branches folded."""
    grouped: dict[tuple, list[Mapping[str, Any]]] = {}
    for e in errors:
        grouped.setdefault(_field_loc(model, tuple(e["loc"])), []).append(e)
    return [(loc, _message(errs)) for loc, errs in grouped.items()]


def _stand_in(annotation: Any, where: str) -> Any:
    """A value of ``annotation`` that validates and no semantic check accepts silently."""
    model = _model_of(annotation)
    if model is not None:
        return _stand_in_table(model, where)
    item = _item_model_of(annotation)
    if item is not None:
        return [_stand_in_table(item, where)]
    alts = _unwrap(annotation)
    if str in alts:
        return f"{STAND_IN}:{where}"
    if float in alts or int in alts:
        return 1
    return None


def _stand_in_table(model: type[BaseModel], where: str) -> dict:
    return {name: _stand_in(f.annotation, f"{where}.{name}")
            for name, f in model.model_fields.items() if f.is_required()}


def patched(model: type[BaseModel], data: Any, locs: list[tuple]) -> Any:
    """A copy of ``data`` with each field at ``locs`` dropped or replaced by a stand-in.

    A field with a default is dropped; a required field, a list item or a
    whole table that did not validate is replaced by a stand-in of its type.
    """
    data = copy.deepcopy(data)
    for loc in locs:
        _patch(model, data, loc)
    return data


def _patch(model: type[BaseModel], data: Any, loc: tuple) -> None:
    if not loc:
        return
    current: type[BaseModel] = model
    obj = data
    item: type[BaseModel] | None = None
    for depth, part in enumerate(loc):
        last = depth == len(loc) - 1
        if isinstance(part, int):
            if item is None or not isinstance(obj, list) or part >= len(obj):
                return
            if last:
                obj[part] = _stand_in_table(item, str(loc))
                return
            if not isinstance(obj[part], dict):
                obj[part] = _stand_in_table(item, str(loc))
                return
            current, obj, item = item, obj[part], None
            continue
        if not isinstance(obj, dict):
            return
        field = current.model_fields.get(part)
        if field is None or last:
            if field is None or not field.is_required():
                obj.pop(part, None)
            else:
                obj[part] = _stand_in(field.annotation, str(loc))
            return
        annotation = field.annotation
        item = _item_model_of(annotation)
        sub = _model_of(annotation)
        if part not in obj or (item is None and sub is None):
            return
        if sub is not None:
            if not isinstance(obj[part], dict):
                obj[part] = _stand_in(annotation, str(loc))
                return
            current = sub
        obj = obj[part]


def keep_semantic(line_path: str, message: str, bad_paths: list[str]) -> bool:
    """False for a semantic problem at, under or about a field already reported."""
    if STAND_IN in message:
        return False
    for bad in bad_paths:
        if line_path == bad or line_path.startswith((bad + ".", bad + "[")):
            return False
        if bad.startswith((line_path + ".", line_path + "[")):
            return False
    return True
