"""The import contracts (pyproject.toml, [tool.importlinter]) hold on the real tree and break on a forbidden import.

Each case copies the three packages and the tests (Python files only) into a temporary directory, adds
one module, and runs ``lint-imports`` there on the project's own pyproject.toml; no database, no Django.
"""

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
PACKAGES = ("marketplace", "catalog", "ocop_rating", "tests")

LAYERS = "Dependencies point one way (layers)"
STRIPE = "Only marketplace.payments imports stripe"
ELASTICSEARCH = "Only marketplace.search_index imports elasticsearch and elasticsearch_dsl"
TESTS = "Application code never imports the tests"
ALL_KEPT = {LAYERS: "KEPT", STRIPE: "KEPT", ELASTICSEARCH: "KEPT", TESTS: "KEPT"}

STATUS_LINE = re.compile(r"^(?P<name>.+) (?P<status>KEPT|BROKEN)(?: \(\d+ ignored imports?\))?$")


def _lint_imports(root: Path) -> tuple[int, dict[str, str], str]:
    """Run lint-imports on root's pyproject.toml with root first on the path; answer (exit code, statuses, output)."""
    env = {**os.environ, "PYTHONPATH": str(root), "COLUMNS": "250", "NO_COLOR": "1"}
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    output = result.stdout + result.stderr
    statuses = {m["name"]: m["status"] for m in map(STATUS_LINE.match, output.splitlines()) if m}
    return result.returncode, statuses, output


def _copy_python_files(src: Path, dst: Path) -> None:
    def ignore(directory, names):
        return [
            n
            for n in names
            if n == "__pycache__" or (Path(directory, n).is_file() and not n.endswith(".py"))
        ]

    shutil.copytree(src, dst, ignore=ignore)


@pytest.fixture
def overlay(tmp_path) -> Path:
    """A copy of the project's packages and its pyproject.toml, ready for one offending module."""
    for package in PACKAGES:
        _copy_python_files(ROOT / package, tmp_path / package)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _add_modules(root: Path, modules: dict[str, str]) -> None:
    for relative, source in modules.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for package in path.relative_to(
            root
        ).parents:  # a new package (e.g. channels) gets its __init__.py
            if package != Path(".") and not (root / package / "__init__.py").exists():
                (root / package / "__init__.py").write_text("")
        path.write_text(source)


def test_the_contracts_are_the_four_each_shown_broken_below():
    # given the project's configuration
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]

    # then it checks our three packages (and the tests, so nothing imports them) with external packages,
    # and every contract it declares is one this file breaks
    assert config["root_packages"] == ["marketplace", "catalog", "ocop_rating", "tests"]
    assert config["include_external_packages"] is True
    assert [c["name"] for c in config["contracts"]] == [LAYERS, STRIPE, ELASTICSEARCH, TESTS]


def test_the_real_tree_keeps_every_contract():
    # when lint-imports runs on the working tree, as `make lint` does
    returncode, statuses, output = _lint_imports(ROOT)

    # then every contract is kept
    assert statuses == ALL_KEPT, output
    assert returncode == 0, output


BROKEN_CASES = {
    "core imports the catalogue": (
        {"marketplace/core/offender.py": "from catalog import selectors\n"},
        LAYERS,
        "marketplace.core.offender -> catalog.selectors",
    ),
    "core imports the rating app inside a function": (
        {
            "marketplace/core/offender.py": "def roles(user):\n    from ocop_rating.roles import user_roles\n\n    return user_roles(user)\n"
        },
        LAYERS,
        "marketplace.core.offender -> ocop_rating.roles",
    ),
    "the catalogue imports the rating app": (
        {"catalog/offender.py": "import ocop_rating.roles\n"},
        LAYERS,
        "catalog.offender -> ocop_rating.roles",
    ),
    "the producer model imports the catalogue": (
        {"marketplace/producers/models.py": "from catalog import views\n"},
        LAYERS,
        "marketplace.producers.models -> catalog.views",
    ),
    "the shop imports the producer portal": (
        {"marketplace/shop/offender.py": "from marketplace.producers.portal import access\n"},
        LAYERS,
        "marketplace.shop.offender -> marketplace.producers.portal.access",
    ),
    "the shop imports the rating app (independent siblings)": (
        {"marketplace/shop/offender.py": "from ocop_rating import roles\n"},
        LAYERS,
        "marketplace.shop.offender -> ocop_rating.roles",
    ),
    "the catalogue imports channels, once channels exists": (
        {
            "marketplace/channels/listings.py": "",
            "catalog/offender.py": "from marketplace.channels import listings\n",
        },
        LAYERS,
        "catalog.offender -> marketplace.channels.listings",
    ),
    "the rating app imports the search index, once it exists": (
        {
            "marketplace/search_index/documents.py": "",
            "ocop_rating/offender.py": "import marketplace.search_index.documents\n",
        },
        LAYERS,
        "ocop_rating.offender -> marketplace.search_index.documents",
    ),
    "the shop imports stripe": (
        {"marketplace/shop/offender.py": "import stripe\n"},
        STRIPE,
        "marketplace.shop.offender -> stripe",
    ),
    "a new channels package imports stripe": (
        {"marketplace/channels/postal_client.py": "from stripe import StripeClient\n"},
        STRIPE,
        "marketplace.channels.postal_client -> stripe",
    ),
    "core imports elasticsearch for the health check": (
        {"marketplace/core/offender.py": "from elasticsearch import Elasticsearch\n"},
        ELASTICSEARCH,
        "marketplace.core.offender -> elasticsearch",
    ),
    "the catalogue imports elasticsearch_dsl": (
        {"catalog/offender.py": "from elasticsearch_dsl import Document\n"},
        ELASTICSEARCH,
        "catalog.offender -> elasticsearch_dsl",
    ),
    "the demo loader imports the test factories": (
        {"marketplace/demo/offender.py": "from tests.factories import ProductFactory\n"},
        TESTS,
        "marketplace.demo.offender -> tests.factories",
    ),
}


@pytest.mark.parametrize(
    ("modules", "contract", "offending_import"), BROKEN_CASES.values(), ids=BROKEN_CASES.keys()
)
def test_a_forbidden_import_breaks_its_contract_and_only_that_one(
    overlay, modules, contract, offending_import
):
    # given the project with one module that imports what its contract forbids
    _add_modules(overlay, modules)

    # when lint-imports runs on it
    returncode, statuses, output = _lint_imports(overlay)

    # then that contract, and no other, is reported broken, naming the offending import
    assert statuses == {**ALL_KEPT, contract: "BROKEN"}, output
    assert f"{offending_import} (l." in output, output
    assert returncode == 1, output


KEPT_CASES = {
    "payments imports stripe and the checkout uses payments": {
        "marketplace/payments/stripe_api.py": "import stripe\nimport stripe.error\n",
        "marketplace/shop/offender.py": "from marketplace.payments import stripe_api\n",
    },
    "the search index imports elasticsearch and reads the catalogue and the rating app": {
        "marketplace/search_index/__init__.py": "import elasticsearch\n",
        "marketplace/search_index/backends/elasticsearch.py": (
            "from elasticsearch_dsl import Document\n\nfrom catalog import selectors\nfrom ocop_rating import roles\n"
        ),
    },
    "channels read the rating app, the shop and the search index": {
        "marketplace/search_index/documents.py": "",
        "marketplace/channels/listings.py": (
            "from marketplace.search_index import documents\nfrom marketplace.shop import order\nfrom ocop_rating import roles\n"
        ),
    },
}


@pytest.mark.parametrize("modules", KEPT_CASES.values(), ids=KEPT_CASES.keys())
def test_an_allowed_import_keeps_every_contract(overlay, modules):
    # given the project with modules that import only in the allowed direction (some in packages still to come)
    _add_modules(overlay, modules)

    # when lint-imports runs on it
    returncode, statuses, output = _lint_imports(overlay)

    # then every contract is kept
    assert statuses == ALL_KEPT, output
    assert returncode == 0, output
