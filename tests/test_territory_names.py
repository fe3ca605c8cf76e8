"""Country names looked up through the cached copy of rigour's name index."""

from __future__ import annotations

import pytest

from voyages import _territory_names
from voyages._cache import cache_dir

QUERIES = ["Tanzania", " tanzania ", "TANZANIA", "Cameroon", "Côte d'Ivoire", "Cote d’Ivoire",
           "São Tomé and Príncipe", "Russian Federation", "Россия", "中国", "Hong Kong",
           "Soviet Union", "CM", "cmr", "Q1009", "Atlantis", "", "  ", "United  States",
           "Korea, Democratic People's Republic of", "Bamako", "Keelung"]


@pytest.fixture
def fresh_cache(empty_cache):
    return empty_cache(_territory_names._names)


def _code(territory):
    return None if territory is None else territory.code


def test_same_answers_as_rigour(fresh_cache):
    from rigour.territories import lookup_territory
    from rigour.territories.lookup import _get_territory_names

    names = list(_get_territory_names())
    sample = QUERIES + names[::97] + [n.upper() for n in names[::211]]
    assert [_code(_territory_names.lookup_territory(q)) for q in sample] == \
        [_code(lookup_territory(q)) for q in sample]
    assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"


def test_strong_names_are_final_in_rigours_index(fresh_cache):
    from rigour.territories.lookup import _get_territory_names

    strong = _territory_names._names("strong")
    full = {name: territory.code for name, territory in _get_territory_names().items()}
    assert len(strong) > 1000
    assert {name: full[name] for name in strong} == strong
    assert strong["tanzania"] == "tz" and strong["cameroon"] == "cm"


def test_a_strong_name_is_answered_without_the_whole_index(fresh_cache, monkeypatch):
    def no_full_index():
        raise AssertionError("the whole index was built for a strong name")

    monkeypatch.setattr(_territory_names, "_BUILDERS",
                        {**_territory_names._BUILDERS, "all": no_full_index})
    assert _code(_territory_names.lookup_territory("Cameroon")) == "cm"
    assert [p.name.split("-")[:3] for p in cache_dir().glob("territory-*.json")] == \
        [["territory", "strong", "names"]]


def test_indexes_are_kept_in_the_cache_and_read_back(fresh_cache, monkeypatch):
    assert _code(_territory_names.lookup_territory("Cameroon")) == "cm"
    assert _code(_territory_names.lookup_territory("Atlantis")) is None  # the whole index
    assert len(list(cache_dir().glob("territory-strong-names-*.json"))) == 1
    assert len(list(cache_dir().glob("territory-names-*.json"))) == 1
    _territory_names._names.cache_clear()

    def no_rebuild():
        raise AssertionError("rebuilt although the cache file is current")

    monkeypatch.setattr(_territory_names, "_BUILDERS", {"strong": no_rebuild, "all": no_rebuild})
    assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"
    assert _code(_territory_names.lookup_territory("Atlantis")) is None


@pytest.mark.parametrize("stem", ["territory-strong-names", "territory-names"])
def test_corrupt_cache_file_is_rebuilt(fresh_cache, stem):
    _territory_names.lookup_territory("Atlantis")
    (path,) = cache_dir().glob(f"{stem}-*.json")
    path.write_text("{not json", encoding="utf-8")
    _territory_names._names.cache_clear()
    assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"
    assert _code(_territory_names.lookup_territory("Atlantis")) is None
    assert '"tanzania": "tz"' in path.read_text(encoding="utf-8")


def test_unwritable_cache_folder_still_answers(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("VOYAGES_CACHE_DIR", str(blocker / "cache"))
    _territory_names._names.cache_clear()
    try:
        assert _code(_territory_names.lookup_territory("Tanzania")) == "tz"
    finally:
        _territory_names._names.cache_clear()
