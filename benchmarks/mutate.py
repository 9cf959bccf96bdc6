"""Mutation testing of the security-critical code: do the tests notice a one-line change?

Each target module is parsed with `ast`; every mutant changes one node (a comparison
flipped, a constant moved by one, a letter dropped from a string, a call or keyword
argument left out, a condition negated, a `with transaction.atomic()` unwrapped, ...).
The project is copied to a temporary folder first, and only the copy is ever changed:
the mutant is written over the module there, the tests that cover the module run with
`-x`, and the module is put back. Stopping the run (Ctrl-C) leaves the work tree as it
was. A mutant is killed when the tests fail (or time out).

Strings in docstrings, f-strings and messages (`_()`) are left alone. Mutants whose
code parses to the same AST as the original are counted as equivalent and
not run; so are the ones in EQUIVALENT below, each with the reason it changes nothing.
The score leaves the equivalent ones out.

    .venv/bin/python benchmarks/mutate.py                    # every module
    .venv/bin/python benchmarks/mutate.py --module tokens    # modules whose name has "tokens"
    .venv/bin/python benchmarks/mutate.py --max-per-module 30 --list
"""

import argparse
import ast
import copy
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

INVITATION_TESTS = [
    "tests/accounts/test_invitations.py",
    "tests/participants/test_invitations.py",
    "tests/support/test_invitation.py",
]


@dataclass
class Target:
    """A module, the parts of it to mutate (all when empty) and the tests that cover them.

    `scope` names top-level functions, classes, assignments or `Class.method`.
    """

    path: str
    tests: list[str]
    scope: list[str] = field(default_factory=list)


TARGETS = [
    Target(
        "youthpass_site/lib/tokens.py",
        ["tests/lib/test_tokens.py", "tests/accounts/test_invitations.py"],
    ),
    Target(
        "youthpass_site/lib/codes.py",
        ["tests/lib/test_codes.py", "tests/certificates/test_verify.py"],
        scope=[
            "CERTIFICATE_ALPHABET",
            "_CONFUSABLE",
            "new_certificate_id",
            "normalise_certificate_id",
        ],
    ),
    Target("accounts/invitations.py", INVITATION_TESTS, scope=["answer_invitation"]),
    Target(
        "youthpass_site/lib/invitations.py",
        INVITATION_TESTS,
        scope=[
            "InvitationQuerySet",
            "InvitationBase.create_for",
            "InvitationBase.find_usable",
            "InvitationBase.mark_accepted",
        ],
    ),
    Target(
        "participants/models.py",
        INVITATION_TESTS,
        scope=["Invitation.accept", "Participant.accept", "Participant._move"],
    ),
    Target(
        "support/models.py",
        INVITATION_TESTS,
        scope=["SupportInvitation.accept", "SupportPerson.accept", "SupportPerson.invite"],
    ),
    Target(
        "certificates/rendering.py",
        ["tests/certificates/test_fetcher.py"],
        scope=["AssetFetcher", "_renderer", "_html"],
    ),
    Target("projects/access.py", ["tests/test_access_matrix.py"]),
    Target(
        "support/access.py",
        ["tests/support/test_role_order.py", "tests/test_access_matrix.py"],
    ),
    Target("participants/access.py", ["tests/test_access_matrix.py"]),
]

# Mutants that change nothing a person or a caller could notice, by module, the source
# line (stripped) and the mutant's description, each with the reason.
_FETCHER_INIT = 'super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)'
_FILE_PROTOCOL = "file: URLs are served by AssetFetcher.fetch and never reach super().fetch()"
EQUIVALENT = {
    (
        "accounts/invitations.py",
        "if not request.user.is_authenticated and not account_exists:",
        "And -> Or",
    ): "the form is then built but never shown nor read: the template and the "
    "POST branches before it deal with a logged-in person or an existing account",
    (
        "accounts/invitations.py",
        "if not request.user.is_authenticated and not account_exists:",
        "keep only operand 2",
    ): "the same: a form for a logged-in person is never shown nor read",
    (
        "accounts/invitations.py",
        "account_exists = User.objects.filter(email__iexact=invited.email).exists()",
        "skip .exists()",
    ): "the query set is read as true or false where it is used, which asks the same question",
    (
        "accounts/invitations.py",
        'language=get_language() or "en",',
        "'en': empty string",
    ): "get_language() is never empty while USE_I18N is on",
    (
        "accounts/invitations.py",
        'language=get_language() or "en",',
        "'en': upper case",
    ): "get_language() is never empty while USE_I18N is on",
    **{
        (
            "accounts/invitations.py",
            '"invitation": invitation,',
            f"'invitation': {change}",
        ): "the invitation templates do not use this name"
        for change in (
            "empty string",
            "drop first character",
            "drop last character",
            "drop middle character",
            "upper case",
        )
    },
    (
        "support/access.py",
        'Participant.objects.select_related("project__organisation", "user"),',
        "drop argument 2",
    ): "one query more for the holder's account, the same answer",
    (
        "projects/access.py",
        "return user.is_authenticated and project.participants.filter(user=user).exists()",
        "keep only operand 2",
    ): "every view that asks is behind login_required: the person is never anonymous here",
    (
        "projects/access.py",
        "return user.is_authenticated and project.participants.filter(user=user).exists()",
        "skip .exists()",
    ): "the query set is read as true or false, which asks the same question",
    ("certificates/rendering.py", "stylesheet = CSS(", "drop keyword base_url"): (
        "CSS() takes the base URL from the file name, which is in the same folder"
    ),
    ("certificates/rendering.py", "stylesheet = CSS(", "drop keyword url_fetcher"): (
        "the stylesheet is the project's own file and names only its fonts, which the "
        "default fetcher loads the same"
    ),
    **{
        ("certificates/rendering.py", _FETCHER_INIT, description): _FILE_PROTOCOL
        for description in (
            "'file': empty string",
            "'file': drop first character",
            "'file': drop last character",
            "'file': drop middle character",
            "'file': upper case",
            "drop element 'file'",
        )
    },
    (
        "certificates/rendering.py",
        _FETCHER_INIT,
        "drop keyword allow_redirects",
    ): "data: URIs do not redirect, and file: ones never reach super().fetch()",
    (
        "certificates/rendering.py",
        _FETCHER_INIT,
        "False -> True",
    ): "data: URIs do not redirect, and file: ones never reach super().fetch()",
    (
        "certificates/rendering.py",
        'if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):',
        "skip .lower()",
    ): "urlsplit() gives the scheme in lower case",
    (
        "certificates/rendering.py",
        'content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"',
        "'application/octet-stream': upper case",
    ): "media types are read without regard to case (the response gives it in lower case)",
}

COMPARE_SWAPS = {
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
BINOP_SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.FloorDiv, ast.FloorDiv: ast.Mult}


@dataclass
class Mutant:
    line: int
    description: str
    node: ast.AST  # the node in the original tree that is replaced
    replacement: list[ast.stmt] | ast.AST | None  # None: the statement becomes `pass`


def docstring_nodes(tree):
    """Constants that are not mutated: docstrings, parts of f-strings, and messages."""
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "gettext", "gettext_lazy", "ngettext")
        ):
            found.update(id(arg) for arg in node.args if isinstance(arg, ast.Constant))
        if isinstance(node, ast.JoinedStr):
            found.update(id(part) for part in ast.walk(node) if isinstance(part, ast.Constant))
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.add(id(body[0].value))
    return found


def scoped_roots(tree, scope):
    """The top-level nodes (or methods) that `scope` names; the whole module without one."""
    if not scope:
        return [tree]
    roots = []
    for node in tree.body:
        names = []
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names = [node.name]
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
        if any(name in scope for name in names):
            roots.append(node)
        if isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and f"{node.name}.{item.name}" in scope:
                    roots.append(item)
    return roots


def is_atomic(item):
    call = item.context_expr
    return isinstance(call, ast.Call) and ast.unparse(call.func).endswith("atomic")


def mutants_of(tree, scope):
    docstrings = docstring_nodes(tree)
    for root in scoped_roots(tree, scope):
        for node in ast.walk(root):
            yield from mutants_of_node(node, docstrings)


def mutants_of_node(node, docstrings):  # noqa: C901 - one case per kind of node
    line = getattr(node, "lineno", 0)
    if isinstance(node, ast.Compare):
        for index, op in enumerate(node.ops):
            if type(op) in COMPARE_SWAPS:
                new = copy.deepcopy(node)
                new.ops[index] = COMPARE_SWAPS[type(op)]()
                yield Mutant(
                    line, f"{type(op).__name__} -> {type(new.ops[index]).__name__}", node, new
                )
    elif isinstance(node, ast.BoolOp):
        new = copy.deepcopy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield Mutant(line, f"{type(node.op).__name__} -> {type(new.op).__name__}", node, new)
        for index in range(len(node.values)):
            yield Mutant(line, f"keep only operand {index + 1}", node, node.values[index])
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield Mutant(line, "drop not", node, node.operand)
    elif isinstance(node, ast.BinOp) and type(node.op) in BINOP_SWAPS:
        new = copy.deepcopy(node)
        new.op = BINOP_SWAPS[type(node.op)]()
        yield Mutant(line, f"{type(node.op).__name__} -> {type(new.op).__name__}", node, new)
    elif isinstance(node, ast.Constant) and id(node) not in docstrings:
        value = node.value
        if isinstance(value, bool):
            yield Mutant(line, f"{value} -> {not value}", node, ast.Constant(not value))
        elif isinstance(value, int):
            for other in dict.fromkeys((value + 1, value - 1, 0)):
                if other != value:
                    yield Mutant(line, f"{value} -> {other}", node, ast.Constant(other))
        elif isinstance(value, str):
            variants = {}
            if value:
                variants["empty string"] = ""
                variants["drop first character"] = value[1:]
                variants["drop last character"] = value[:-1]
                if len(value) < 80:
                    middle = len(value) // 2
                    variants["drop middle character"] = value[:middle] + value[middle + 1 :]
                variants["upper case" if value != value.upper() else "lower case"] = (
                    value.upper() if value != value.upper() else value.lower()
                )
            else:
                variants["non-empty"] = "X"
            seen = {value}
            for description, other in variants.items():
                if other not in seen:
                    seen.add(other)
                    yield Mutant(line, f"{value[:30]!r}: {description}", node, ast.Constant(other))
    elif isinstance(node, ast.If):
        new = copy.deepcopy(node)
        new.test = ast.UnaryOp(ast.Not(), new.test)
        yield Mutant(line, "negate condition", node, new)
        yield Mutant(line, "drop if", node, None)
    elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
        yield Mutant(line, "drop call", node, None)
    elif isinstance(node, ast.Raise):
        yield Mutant(line, "drop raise", node, None)
    elif isinstance(node, ast.Return) and node.value is not None:
        if not (isinstance(node.value, ast.Constant) and node.value.value is None):
            yield Mutant(line, "return None", node, ast.Return(ast.Constant(None)))
    elif isinstance(node, ast.Assign | ast.AugAssign):
        yield Mutant(line, "drop assignment", node, None)
    elif isinstance(node, ast.With) and any(is_atomic(item) for item in node.items):
        yield Mutant(line, "drop with transaction.atomic()", node, node.body)
    elif isinstance(node, ast.Try):
        yield Mutant(line, "drop try", node, node.body)
    elif isinstance(node, ast.Call):
        for index, keyword in enumerate(node.keywords):
            new = copy.deepcopy(node)
            del new.keywords[index]
            yield Mutant(line, f"drop keyword {keyword.arg}", node, new)
            if keyword.arg and "iexact" in keyword.arg:
                new = copy.deepcopy(node)
                new.keywords[index].arg = keyword.arg.replace("iexact", "exact")
                yield Mutant(line, f"{keyword.arg} -> exact", node, new)
        for index in range(len(node.args)):
            new = copy.deepcopy(node)
            del new.args[index]
            yield Mutant(line, f"drop argument {index + 1}", node, new)
        if isinstance(node.func, ast.Attribute) and not node.args and not node.keywords:
            yield Mutant(line, f"skip .{node.func.attr}()", node, node.func.value)
    elif isinstance(node, ast.List | ast.Tuple | ast.Set) and len(node.elts) >= 2:
        for index, element in enumerate(node.elts):
            new = copy.deepcopy(node)
            del new.elts[index]
            label = repr(element.value) if isinstance(element, ast.Constant) else index + 1
            yield Mutant(line, f"drop element {label}", node, new)
        new = copy.deepcopy(node)
        new.elts[0], new.elts[1] = new.elts[1], new.elts[0]
        yield Mutant(line, "swap first two elements", node, new)
    elif (
        isinstance(node, ast.Subscript)
        and isinstance(node.slice, ast.Constant)
        and node.slice.value == 0
    ):
        new = copy.deepcopy(node)
        new.slice = ast.Constant(-1)
        yield Mutant(line, "[0] -> [-1]", node, new)


def offsets(source):
    starts = [0]
    for text_line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(text_line))
    return starts


def apply(source, mutant):
    """The source with the mutant's node replaced; everything else is left byte for byte."""
    starts = offsets(source)
    node = mutant.node
    begin = starts[node.lineno - 1] + len(
        source[starts[node.lineno - 1] :].encode()[: node.col_offset].decode()
    )
    end_line = starts[node.end_lineno - 1]
    end = end_line + len(source[end_line:].encode()[: node.end_col_offset].decode())
    indent = " " * node.col_offset
    if mutant.replacement is None:
        text = "pass"
    elif isinstance(mutant.replacement, list):
        text = ("\n" + indent).join(
            ("\n" + indent).join(ast.unparse(stmt).splitlines()) for stmt in mutant.replacement
        )
    else:
        text = ast.unparse(mutant.replacement)
        if isinstance(node, ast.stmt):
            text = ("\n" + indent).join(text.splitlines())
        elif "\n" not in text:
            text = f"({text})"
    return source[:begin] + text + source[end:]


def same_code(original_tree, mutated_source):
    try:
        mutated = ast.parse(mutated_source)
    except SyntaxError:
        return False
    return ast.dump(mutated) == ast.dump(original_tree)


def run_tests(copy, tests, timeout):
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:randomly",
        "-p",
        "no:cacheprovider",
        "-m",
        "not browser",
        *tests,
    ]
    try:
        result = subprocess.run(
            command, cwd=copy, capture_output=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    return "survived" if result.returncode == 0 else "killed"


def mutate_module(copy, target, args):
    path = copy / target.path
    if not path.exists():
        print(f"{target.path}: not there, skipped")
        return None
    tests = [test for test in target.tests if (copy / test).exists()]
    source = path.read_text()
    tree = ast.parse(source)
    mutants = list(mutants_of(tree, target.scope))
    if args.max_per_module and len(mutants) > args.max_per_module:
        mutants = sorted(
            random.Random(args.seed).sample(mutants, args.max_per_module), key=lambda m: m.line
        )
    counts = {"mutants": len(mutants), "killed": 0, "survived": 0, "equivalent": 0}
    survivors = []
    print(f"\n{target.path}: {len(mutants)} mutants, tests: {' '.join(tests)}", flush=True)
    try:
        for number, mutant in enumerate(mutants, 1):
            mutated = apply(source, mutant)
            label = f"  {number:3}/{len(mutants)} line {mutant.line:4}: {mutant.description}"
            try:
                compile(mutated, target.path, "exec")
            except SyntaxError:
                counts["mutants"] -= 1
                print(f"{label} -> does not compile, left out", flush=True)
                continue
            line_text = source.splitlines()[mutant.line - 1].strip()
            reason = EQUIVALENT.get((target.path, line_text, mutant.description))
            if same_code(tree, mutated) or reason:
                counts["equivalent"] += 1
                print(f"{label} -> equivalent{f' ({reason})' if reason else ''}", flush=True)
                continue
            if args.list:
                print(label)
                continue
            path.write_text(mutated)
            started = time.monotonic()
            try:
                outcome = run_tests(copy, tests, args.timeout)
            finally:
                path.write_text(source)
            counts["killed" if outcome != "survived" else "survived"] += 1
            if outcome == "survived":
                survivors.append(label.strip())
            print(f"{label} -> {outcome} ({time.monotonic() - started:.0f} s)", flush=True)
    finally:
        path.write_text(source)
    return counts, survivors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="only modules whose path contains this")
    parser.add_argument("--max-per-module", type=int, default=0, help="a sample of this many")
    parser.add_argument("--seed", type=int, default=1, help="for the sample")
    parser.add_argument("--timeout", type=int, default=300, help="seconds per mutant")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    args = parser.parse_args()

    results = {}
    with tempfile.TemporaryDirectory(prefix="mutate-") as folder:
        copy = Path(folder) / "project"
        shutil.copytree(
            ROOT,
            copy,
            symlinks=True,
            ignore=shutil.ignore_patterns(
                ".git", "node_modules", "__pycache__", "db.sqlite3", "media", "staticfiles"
            ),
        )
        for target in TARGETS:
            if args.module and not any(part in target.path for part in args.module):
                continue
            outcome = mutate_module(copy, target, args)
            if outcome:
                results[target.path] = outcome

    if args.list:
        return 0
    print("\nmodule                               mutants killed survived equivalent score")
    failed = False
    for path, (counts, survivors) in results.items():
        counted = counts["killed"] + counts["survived"]
        score = 100 * counts["killed"] / counted if counted else 100.0
        failed |= score < 90
        print(
            f"{path:36} {counts['mutants']:7} {counts['killed']:6} {counts['survived']:8} "
            f"{counts['equivalent']:10} {score:4.0f} %"
        )
        for survivor in survivors:
            print(f"    survived: {survivor}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
