"""Events are written only through the named event writers of each stage's ``events`` module.

Read from the source: outside ``*/events.py`` no module of the rating app creates an event row or calls the
audit primitive, and no view module imports an event writer at all (views never write events).
"""

import ast
from pathlib import Path

import ocop_rating

APP = Path(ocop_rating.__file__).resolve().parent
EVENT_MODELS = {"AuditEvent", "DossierEvent", "CertificateEvent"}
PRIMITIVES = {"audit_event_write"}


def _modules():
    return sorted(p for p in APP.rglob("*.py") if "migrations" not in p.parts)


def _writes_events(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in PRIMITIVES:
                found.append(f"{func.id}() line {node.lineno}")
            # EventModel.objects.create(...) / bulk_create / get_or_create / update_or_create
            if (isinstance(func, ast.Attribute) and func.attr in {"create", "bulk_create", "get_or_create",
                                                                  "update_or_create"}
                    and isinstance(func.value, ast.Attribute) and func.value.attr == "objects"
                    and isinstance(func.value.value, ast.Name) and func.value.value.id in EVENT_MODELS):
                found.append(f"{func.value.value.id}.objects.{func.attr}() line {node.lineno}")
    return found


def test_only_the_events_modules_write_event_rows():
    # given every module of the rating app but the event modules
    writers = {}
    for path in _modules():
        if path.name == "events.py":
            continue
        found = _writes_events(ast.parse(path.read_text()))
        if found:
            writers[str(path.relative_to(APP))] = found

    # then none of them writes an event row itself
    assert writers == {}


def test_the_event_modules_are_one_per_stage_and_do_write():
    # given the events modules, then there is one per stateful stage plus the shared primitives, each writing
    events = {str(p.relative_to(APP)) for p in _modules() if p.name == "events.py"}
    assert events == {"certificates/events.py", "council/events.py", "dossiers/events.py", "results/events.py",
                      "workflow/events.py"}
    for name in events:
        assert _writes_events(ast.parse((APP / name).read_text())), name


def test_views_never_import_an_event_writer():
    # given every views module, then none imports from an events module
    importing = {}
    for path in _modules():
        if path.name != "views.py":
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").endswith(".events"):
                names = {alias.name for alias in node.names}
                # the workflow's error classes live beside its primitives; importing those is reading, not writing
                writers = names - {"PermissionRefused", "TransitionRefused", "WorkflowError"}
                if writers:
                    importing[str(path.relative_to(APP))] = sorted(writers)
    assert importing == {}
