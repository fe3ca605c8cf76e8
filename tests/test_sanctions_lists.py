"""Sanctions list loaders: each real format on a hand-written fixture, detection, bad files."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from sanctionsfix import write_all, write_ofac_csv

from voyages.errors import DataFileError
from voyages.sanctions import ENTITY_COLUMNS, ListFormat, detect_format, load_list, load_lists

SHARED = next((p / "data" / "sanctions" for p in (
    Path(__file__).resolve().parents[1].parent / "shared",
    Path(__file__).resolve().parents[2].parent / "shared",
    Path(os.environ.get("VOYAGES_SHARED_DATA", "/nonexistent")).parent) if
    (p / "data" / "sanctions").is_dir()), None)


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    return write_all(tmp_path_factory.mktemp("lists"))


def row(frame: pd.DataFrame, name: str) -> pd.Series:
    found = frame[frame["name"] == name]
    assert len(found) == 1, f"{name!r} not found once in {frame['name'].tolist()}"
    return found.iloc[0]


@pytest.mark.parametrize("fmt", ["ofac_csv", "ofac_xml", "ofac_enhanced", "eu_xml", "un_xml",
                                 "uk", "uk_csv", "uk_full", "targets_simple", "ftm_json"])
def test_format_is_detected_from_content_and_table_has_documented_columns(fixtures, fmt):
    expected = "uk" if fmt.startswith("uk") else fmt
    assert detect_format(fixtures[fmt]) is ListFormat(expected)
    frame = load_list(fixtures[fmt])
    assert tuple(frame.columns) == ENTITY_COLUMNS
    assert str(frame["listed_on"].dtype) == "datetime64[ns]"
    assert str(frame["name"].dtype) == "string"
    assert set(frame["schema"].cat.categories) == {"vessel", "organization", "person", "other"}
    assert len(frame) > 0


def test_ofac_csv_reads_vessel_fields_imo_in_remarks_and_null_marker(fixtures):
    frame = load_list(fixtures["ofac_csv"])
    adler = row(frame, "ADLER")
    assert (adler["schema"], adler["imo"], adler["mmsi"], adler["flag"]) == (
        "vessel", "9179854", "273414440", "Russia")
    assert adler["programs"] == ("RUSSIA-EO14024",)
    assert adler["list"] == "OFAC SDN" and adler["list_entity_id"] == "37057"
    assert pd.isna(adler["listed_on"])  # the legacy CSV carries no listing date
    cuba = row(frame, "AEROCARIBBEAN AIRLINES")
    assert pd.isna(cuba["flag"]) and pd.isna(cuba["imo"])  # "-0- " is empty, not text


def test_ofac_csv_reads_aliases_from_alt_and_remarks_and_company_imo(fixtures):
    nsc = row(load_list(fixtures["ofac_csv"]), "JOINT STOCK COMPANY NORTHERN SHIPPING COMPANY")
    assert {"OAO SEVERNOYE MORSKOYE PAROKHODSTVO", "JSC NSC ARKHANGELSK", "ANSC",
            "OJSC NSC"} <= set(nsc["aliases"])
    assert nsc["imo"] == "0555641" and nsc["schema"] == "organization"


def test_ofac_csv_splits_programs_and_appends_comment_overflow(fixtures):
    han = row(load_list(fixtures["ofac_csv"]), "HAN, Sol")
    assert han["programs"] == ("SDGT", "IRAN") and han["schema"] == "person"
    assert "SOL HAN" in han["aliases"]  # an a.k.a. continued in sdn_comments.csv
    assert pd.isna(han["imo"])  # no IMO extraction for persons


def test_ofac_xml_and_enhanced_xml(fixtures):
    classic = load_list(fixtures["ofac_xml"])
    assert row(classic, "ADLER")[["imo", "mmsi", "flag"]].tolist() == [
        "9179854", "273414440", "Russia"]
    assert row(classic, "HANIYA, Ismail Abdul Salah")["schema"] == "person"
    assert "OAO SEVERNOYE MORSKOYE PAROKHODSTVO" in row(
        classic, "JOINT STOCK COMPANY NORTHERN SHIPPING COMPANY")["aliases"]
    enhanced = row(load_list(fixtures["ofac_enhanced"]), "SIYANIE SEVERA")
    assert (enhanced["imo"], enhanced["flag"], enhanced["list"]) == (
        "9250385", "Russia", "OFAC SDN List")
    assert enhanced["listed_on"] == pd.Timestamp("2022-05-08")


def test_eu_un_uk_loaders_carry_listing_dates_and_programs(fixtures):
    eu = row(load_list(fixtures["eu_xml"]), "Limited Liability Company M Leasing")
    assert eu["listed_on"] == pd.Timestamp("2024-02-23") and eu["programs"] == ("UKR",)
    assert "ООО М Лизинг" in eu["aliases"]
    un = row(load_list(fixtures["un_xml"]), "CHONMYONG SHIPPING CO")
    assert (un["listed_on"], un["programs"], un["imo"]) == (
        pd.Timestamp("2018-03-30"), ("DPRK",), "5571322")
    assert row(load_list(fixtures["un_xml"]), "ERIC BADEGE")["schema"] == "person"
    for key in ("uk", "uk_csv"):
        uk = load_list(fixtures[key])
        m = row(uk, "M Leasing")
        assert (m["list_entity_id"], m["listed_on"], m["programs"]) == (
            "RUS1850", pd.Timestamp("2023-05-18"), ("Russia",))
        assert row(uk, "Example Ship")["schema"] == "vessel"


def test_uk_full_layout_has_aliases_imo_and_flag(fixtures):
    uk = load_list(fixtures["uk_full"])
    assert len(uk) == 2  # two names of RUS1850 are one designation
    m = row(uk, "LLC M Leasing")  # the primary name wins over an earlier alias row
    assert set(m["aliases"]) == {"M Leasing", "ООО М Лизинг"}
    assert m["listed_on"] == pd.Timestamp("2023-05-18")
    ship = row(uk, "EXAMPLE CARRIER")
    assert (ship["schema"], ship["imo"], ship["flag"]) == ("vessel", "9250385", "Russia")
    assert ship["listed_on"] == pd.Timestamp("2024-05-09")


def test_opensanctions_simple_csv_and_followthemoney(fixtures):
    simple = load_list(fixtures["targets_simple"])
    adler = row(simple, "ADLER")
    assert (adler["imo"], adler["mmsi"], adler["programs"]) == (
        "9179854", "273414440", ("UA-WS-MARE",))
    assert row(simple, "LIMITED LIABILITY COMPANY M LEASING")["imo"] == "6246853"
    ftm = load_list(fixtures["ftm_json"])
    assert len(ftm) == 2  # sanctions and addresses are not targets
    company = row(ftm, "M Leasing LLC")
    assert company["listed_on"] == pd.Timestamp("2024-02-23")
    assert pd.isna(company["delisted_on"]) and "ООО М Лизинг" in company["aliases"]
    vessel = row(ftm, "ADLER")
    assert vessel["delisted_on"] == pd.Timestamp("2025-01-01") and vessel["imo"] == "9179854"


def test_format_override_and_companions_are_read_with_their_primary(fixtures):
    folder = fixtures["ofac_csv"].parent
    frame = load_lists([folder / "sdn.csv", folder / "alt.csv", folder / "add.csv"])
    assert len(frame) == len(load_list(fixtures["ofac_csv"]))
    assert len(load_list(fixtures["eu_xml"], format="EU-XML")) == 2


def test_no_list_means_the_bundled_designations():
    frame = load_lists([])
    assert {"M LEASING LLC", "ADLER", "SIYANIE SEVERA"} <= set(frame["name"])
    assert frame["source"].notna().all() and (frame["source_file"] == "designations.csv").all()


BAD_FILES = [
    ("empty.csv", b"", "the file is empty"),
    ("table.csv", b"a,b,c\n1,2,3\n", "unrecognised list format"),
    ("list.xml", b"<?xml version='1.0'?><html><body/></html>",
     "unrecognised XML list (root <html>)"),
    ("broken.xml", b"<?xml version='1.0'?><sdnList><sdnEntry></sdnList>", "malformed XML"),
    ("bomb.xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><export>&a;</export>",
     "entity declarations"),
    ("alt.csv", b'37030,58147,"aka","JSC NSC ARKHANGELSK",-0- \r\n', "OFAC alias file"),
    ("sdn.csv", b'37057,"ADLER","vessel"\r\n', "unrecognised list format"),
    ("short.csv", b'37057,"ADLER","vessel","RUSSIA",-0-,-0-,-0-,-0-,-0-,-0-,-0-,"x"\r\n'
     b'37058,"B",-0-\r\n', "line 2: expected 12 fields"),
    ("ftm.json", b'{"id": "x", "schema": "NoSuchSchema", "properties": {}}\n',
     "not a FollowTheMoney entity"),
    ("archive.zip", None, "not an OpenDocument spreadsheet"),
    ("uk.csv",
     b"Unique ID,Name,Regime Name,Type,Date Designated\nRUS1,X,Russia,Entity,31-31-2020\n",
     "Date Designated '31-31-2020'"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_FILES,
                         ids=[b[0] for b in BAD_FILES])
def test_malformed_or_unrecognised_file_is_one_line_naming_the_file(tmp_path, name, content,
                                                                    message):
    path = tmp_path / name
    if content is None:
        import zipfile

        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("x.txt", "x")
    else:
        path.write_bytes(content)
    with pytest.raises(DataFileError) as info:
        load_list(path)
    text = str(info.value)
    assert text.startswith(str(path)) and message in text and "\n" not in text


def test_missing_file_names_it(tmp_path):
    with pytest.raises(DataFileError, match="no such list file"):
        load_list(tmp_path / "nope.csv")


def test_ofac_csv_without_companions_still_reads_remark_aliases(tmp_path):
    frame = load_list(write_ofac_csv(tmp_path, with_companions=False))
    assert "OJSC NSC" in row(frame, "JOINT STOCK COMPANY NORTHERN SHIPPING COMPANY")["aliases"]


@pytest.mark.skipif(SHARED is None, reason="../shared/data/sanctions not present")
@pytest.mark.slow
@pytest.mark.parametrize(("relative", "count"), [
    ("ofac_sdn_csv_2023-12-28/sdn.csv", 13821),
    ("ofac_cons_xml_2025-03-28/consolidated.xml", 443),
    ("ofac_cons_enhanced_xml_2025-01-10/CONS_ENHANCED.XML", 443),
    ("un_consolidated_2026-02-27/consolidated.xml", 1003),
    ("uk_fcdo_sanctions_list_ods_2025-08-11/FCDO_SL_2025-08-11.ods", 5302),
    ("eu_fsf_xml_excerpt_2026-08-05/eu_sample.xml", 5),
    ("opensanctions_ua_war_sanctions_2026-03-13/targets.simple.csv", 5600),
])
def test_real_files_load_with_the_published_entry_counts(relative, count):
    assert len(load_list(SHARED / relative)) == count


def test_followthemoney_missing_is_a_one_line_error(fixtures, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "followthemoney", None)  # import fails
    with pytest.raises(DataFileError, match=r"pip install 'voyages\[sanctions\]'"):
        load_list(fixtures["ftm_json"])


def test_hand_written_targets_simple_without_optional_columns_loads(tmp_path):
    # an analyst's own targets.simple.csv: no program_ids, dataset, countries, ...
    path = tmp_path / "targets.simple.csv"
    path.write_text("id,schema,name,aliases,identifiers\n"
                    "mine-1,Vessel,ADLER,Alder,IMO9179854;273414440\n"
                    "mine-2,Company,M LEASING LLC,,\n", encoding="utf-8")
    assert detect_format(path) is ListFormat.TARGETS_SIMPLE
    frame = load_list(path)
    adler = row(frame, "ADLER")
    assert adler["imo"] == "9179854" and adler["mmsi"] == "273414440"
    assert adler["list"] == "OpenSanctions" and adler["programs"] == ()
    assert row(frame, "M LEASING LLC")["schema"] == "organization"
    minimal = tmp_path / "minimal.csv"
    minimal.write_text("id,schema,name\nx,Person,HAN Sol\n", encoding="utf-8")
    assert load_list(minimal)["name"].tolist() == ["HAN Sol"]


def test_hand_written_designations_without_optional_columns_loads(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("list,schema,name,imo,source\n"
                    "My list,vessel,ADLER,9179854,my notes p. 3\n", encoding="utf-8")
    assert detect_format(path) is ListFormat.DESIGNATIONS
    (adler,) = load_list(path).itertuples()
    assert adler.imo == "9179854" and adler.source == "my notes p. 3"
    assert pd.isna(adler.listed_on) and adler.programs == ()


def test_uk_summary_without_optional_columns_loads(tmp_path):
    path = tmp_path / "uk.csv"
    path.write_text("Unique ID,Name,Type\nRUS1850,M Leasing,Entity\n", encoding="utf-8")
    assert detect_format(path) is ListFormat.UK
    (entity,) = load_list(path).itertuples()
    assert entity.name == "M Leasing" and entity.schema == "organization"
    assert pd.isna(entity.listed_on)


@pytest.mark.parametrize(("header", "layout", "missing"), [
    ("id,schema,aliases,identifiers,program_ids", "OpenSanctions targets.simple.csv", "name"),
    ("id,aliases,identifiers,program_ids,dataset", "OpenSanctions targets.simple.csv",
     "schema, name"),
    ("list,program,schema,name,listed_on", "designations CSV", "source"),
    ("Unique ID,Regime Name,Type,Date Designated", "UK Sanctions List", "Name"),
    ("Unique ID,Name 2,Name 6,Designation Type,IMO number", "UK Sanctions List", "Name 1"),
])
def test_near_miss_header_names_the_format_and_the_missing_columns(tmp_path, header, layout,
                                                                   missing):
    path = tmp_path / "list.csv"
    path.write_text(header + "\n" + ",".join("x" for _ in header.split(",")) + "\n",
                    encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_list(path)
    message = str(err.value)
    assert "\n" not in message and str(path) in message
    assert layout in message and message.endswith(missing)


@pytest.mark.parametrize(("fmt", "header"), [
    ("targets_simple", "id,aliases,dataset"),
    ("designations", "list,program,imo"),
    ("uk", "Unique ID,Type"),
])
def test_forced_format_with_missing_columns_names_them(tmp_path, fmt, header):
    path = tmp_path / "list.csv"
    path.write_text(header + "\nx,y,z\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="missing columns|lacks the column|no header"):
        load_list(path, format=fmt)


def test_unrecognised_csv_says_what_each_layout_needs(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"targets_simple: id, schema, name"):
        detect_format(path)


@pytest.mark.parametrize(("name", "content", "said"), [
    ("eu.xml", '<?xml version="1.0"?>\n<export generationDate="2026-01-01"/>\n',
     "no <sanctionEntity> entry"),
    ("un.xml", "<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>",
     "no <INDIVIDUAL>/<ENTITY> entry"),
    ("sdn.xml", "<sdnList><publshInformation/></sdnList>", "no <sdnEntry> entry"),
    ("enh.xml", "<sanctionsData><entities/></sanctionsData>", "no <entity> entry"),
    ("targets.simple.csv", "id,schema,name\n", "no record entry"),
    ("uk.csv", "Unique ID,Name,Type\n", "no Unique ID entry"),
])
def test_a_list_with_no_entries_is_an_error_not_a_clean_screen(tmp_path, name, content, said):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=said) as err:
        load_list(path)
    assert str(path) in str(err.value) and "\n" not in str(err.value)


def test_ofac_csv_with_the_wrong_field_count_says_so(tmp_path):
    path = tmp_path / "sdn.csv"
    path.write_text('37057,"ADLER","vessel","RUSSIA-EO14024",-0- ,-0- ,"Roll-on Roll-off",-0- ,'
                    '"8811","Russia",-0- \n', encoding="utf-8")  # the remarks field cut off
    with pytest.raises(DataFileError, match="looks like OFAC's legacy CSV .* 11 fields, not 12"):
        load_list(path)


@pytest.mark.parametrize("content", ["list,schema,name,source\n",
                                     "\ufefflist,schema,name,source\r\n\r\n",
                                     "list,program,schema,name,source,note\n,,,,,\n"])
def test_an_empty_designations_list_is_an_error_not_a_clean_screen(tmp_path, content):
    from voyages.sanctions.designations import designation_records

    path = tmp_path / "mine0.csv"
    path.write_text(content, encoding="utf-8")
    for load in (load_list, designation_records):
        with pytest.raises(DataFileError, match="no designation entry") as err:
            load(path)
        assert str(err.value).startswith(f"{path}: ") and "\n" not in str(err.value)


def test_check_with_an_empty_list_exits_2_naming_the_file(tmp_path):
    from click.testing import CliRunner

    from voyages._data import data_dir
    from voyages.cli.main import cli

    path = tmp_path / "mine0.csv"
    path.write_text("list,schema,name,source\n", encoding="utf-8")
    case = data_dir("reports") / "mali-2025" / "case.toml"
    for args in (["check", str(case), "--list", str(path)],
                 ["screen", "Adler", "--list", str(path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert f"{path}: no designation entry" in result.output
        assert "no party listed" not in result.output
