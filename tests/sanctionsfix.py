# ruff: noqa: E501  (XML fixtures keep the publishers' one-element-per-line layout)
"""Hand-written sanctions-list fixtures, one small file per real format.

Each follows its publisher's layout (see the loader modules' docstrings);
the entries carry the identifiers the project's bundled designations cite
(OFAC SDN ent_nums 37030/37053/37057/37065, IMO numbers 9179854 and
9250385) plus invented look-alikes for near-miss tests. None is a copy of a
downloaded list.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

SDN_ROWS = [
    '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '32111,"ADLER BG AD",-0- ,"GLOMAG",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Registration Number'
    ' 130005213 (Bulgaria)."',
    '37030,"JOINT STOCK COMPANY NORTHERN SHIPPING COMPANY",-0- ,"RUSSIA-EO14024",-0- ,-0- ,'
    '-0- ,-0- ,-0- ,-0- ,-0- ,"Tax ID No. 2901008432 (Russia); Identification Number IMO '
    "0555641; a.k.a. 'ANSC'; a.k.a. 'OJSC NSC'.\"",
    '37053,"SIYANIE SEVERA","vessel","RUSSIA-EO14024",-0- ,-0- ,"General Cargo",-0- ,"6577",'
    '"Russia",-0- ,"Vessel Registration Identification IMO 9250385; Linked To: JOINT STOCK '
    'COMPANY NORTHERN SHIPPING COMPANY."',
    '37057,"ADLER","vessel","RUSSIA-EO14024",-0- ,-0- ,"Roll-on Roll-off",-0- ,"8811","Russia",'
    '-0- ,"Vessel Registration Identification IMO 9179854; MMSI 273414440; Linked To: M LEASING'
    ' LLC."',
    '37065,"M LEASING LLC",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Tax ID No. '
    '9701173086 (Russia); Identification Number IMO 6246853."',
    '40786,"HADLERCO LIMITED",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
    '"Organization Type: Activities of holding companies; Registration ID HE 123 (Cyprus)."',
    '50001,"HAN, Sol",individual,"SDGT] [IRAN",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"DOB 1970; Tax'
    ' ID No. 1234"',
]
ALT_ROWS = [
    '37030,58147,"aka","JSC NSC ARKHANGELSK",-0- ',
    '37030,58150,"aka","OJSC NORTHERN SHIPPING COMPANY",-0- ',
    '37030,58152,"aka","OAO SEVERNOYE MORSKOYE PAROKHODSTVO",-0- ',
]
ADD_ROWS = ['37065,55477,"Baumanskaya Ul., D.7, Str. 1, Of. 301","Moscow 105005","Russia",-0- ']
COMMENT_ROWS = ['50001,"5; a.k.a. \'SOL HAN\'."']


def _ofac(rows: list[str], *, eol: str = "\r\n") -> bytes:
    return (eol.join(rows) + eol + "\x1a").encode("ascii")


def write_ofac_csv(folder: Path, *, with_companions: bool = True) -> Path:
    """sdn.csv (CRLF, ``-0-`` nulls, final 0x1A) and, optionally, alt/add/comments."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sdn.csv").write_bytes(_ofac(SDN_ROWS))
    if with_companions:
        (folder / "alt.csv").write_bytes(_ofac(ALT_ROWS))
        (folder / "add.csv").write_bytes(_ofac(ADD_ROWS))
        (folder / "sdn_comments.csv").write_bytes(_ofac(COMMENT_ROWS, eol="\n"))
    return folder / "sdn.csv"


SDN_XML = """<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation><Publish_Date>12/19/2025</Publish_Date><Record_Count>3</Record_Count></publshInformation>
  <sdnEntry>
    <uid>37057</uid><lastName>ADLER</lastName><sdnType>Vessel</sdnType>
    <programList><program>RUSSIA-EO14024</program></programList>
    <idList>
      <id><uid>1</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 9179854</idNumber></id>
      <id><uid>2</uid><idType>MMSI</idType><idNumber>273414440</idNumber></id>
    </idList>
    <vesselInfo><vesselType>Roll-on Roll-off</vesselType><vesselFlag>Russia</vesselFlag><grossRegisteredTonnage>8811</grossRegisteredTonnage></vesselInfo>
  </sdnEntry>
  <sdnEntry>
    <uid>37030</uid><lastName>JOINT STOCK COMPANY NORTHERN SHIPPING COMPANY</lastName><sdnType>Entity</sdnType>
    <programList><program>RUSSIA-EO14024</program></programList>
    <akaList><aka><uid>58152</uid><type>a.k.a.</type><category>strong</category><lastName>OAO SEVERNOYE MORSKOYE PAROKHODSTVO</lastName></aka></akaList>
    <idList><id><uid>3</uid><idType>Identification Number</idType><idNumber>IMO 0555641</idNumber></id></idList>
  </sdnEntry>
  <sdnEntry>
    <uid>9639</uid><firstName>Ismail Abdul Salah</firstName><lastName>HANIYA</lastName><sdnType>Individual</sdnType>
    <programList><program>NS-PLC</program></programList>
  </sdnEntry>
</sdnList>
"""

ENHANCED_XML = """<?xml version="1.0" encoding="utf-8"?>
<sanctionsData xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML">
  <publicationInfo><dataAsOf>2025-01-10T00:00:00</dataAsOf></publicationInfo>
  <entities>
    <entity id="37053">
      <generalInfo><identityId>1</identityId><entityType refId="602">Vessel</entityType></generalInfo>
      <sanctionsLists><sanctionsList refId="1550" id="1" datePublished="2022-05-08">SDN List</sanctionsList></sanctionsLists>
      <sanctionsPrograms><sanctionsProgram refId="1" id="2">RUSSIA-EO14024</sanctionsProgram></sanctionsPrograms>
      <names>
        <name id="3"><isPrimary>true</isPrimary><translations><translation id="4"><isPrimary>true</isPrimary><script refId="20122">Latin</script><formattedFullName>SIYANIE SEVERA</formattedFullName></translation></translations></name>
      </names>
      <features>
        <feature id="5"><type featureTypeId="3">Vessel Flag</type><value>Russia</value></feature>
        <feature id="6"><type featureTypeId="4">VESSEL TYPE</type><value>General Cargo</value></feature>
      </features>
      <identityDocuments>
        <identityDocument id="7"><type refId="1">Vessel Registration Identification</type><documentNumber>IMO 9250385</documentNumber><isValid>true</isValid></identityDocument>
      </identityDocuments>
    </entity>
  </entities>
</sanctionsData>
"""

EU_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00" globalFileId="1">
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.1.1" logicalId="900001" designationDate="2024-02-23">
    <regulation regulationType="amendment" organisationType="council" publicationDate="2024-02-23" entryIntoForceDate="2024-02-23" numberTitle="2024/753 (OJ L)" programme="UKR" logicalId="1"/>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias wholeName="Limited Liability Company M Leasing" nameLanguage="" strong="true" regulationLanguage="en" logicalId="2"/>
    <nameAlias wholeName="ООО М Лизинг" nameLanguage="RU" strong="true" regulationLanguage="en" logicalId="3"/>
  </sanctionEntity>
  <sanctionEntity designationDetails="" unitedNationId="" euReferenceNumber="EU.27.28" logicalId="13">
    <regulation regulationType="regulation" organisationType="commission" publicationDate="2003-07-08" entryIntoForceDate="2003-07-07" numberTitle="1210/2003 (OJ L169)" programme="IRQ" logicalId="348"/>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Saddam" lastName="Hussein Al-Tikriti" wholeName="Saddam Hussein Al-Tikriti" strong="true" regulationLanguage="en" logicalId="17"/>
  </sanctionEntity>
</export>
"""

UN_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>6907993</DATAID><FIRST_NAME>ERIC</FIRST_NAME><SECOND_NAME>BADEGE</SECOND_NAME>
      <UN_LIST_TYPE>DRC</UN_LIST_TYPE><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER><LISTED_ON>2012-12-31</LISTED_ON>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>6908670</DATAID><FIRST_NAME>CHONMYONG SHIPPING CO</FIRST_NAME><UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPe.056 </REFERENCE_NUMBER><LISTED_ON>2018-03-30</LISTED_ON>
      <COMMENTS1>Registered owner of a DPRK-flagged vessel. IMO number: 5571322.</COMMENTS1>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>CHONMYONG SHIPPING COMPANY</ALIAS_NAME></ENTITY_ALIAS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""

UK_HEADER = ["Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type", "Designation source",
             "Date Designated", "Sanctions Imposed"]
UK_ROWS = [
    ["RUS1850", "15911", "M Leasing", "Russia", "Entity", "UK", "18-05-2023",
     'Asset freeze, Transport sanctions: see "Other information"'],
    ["RUS0001", "1", "Example Ship", "Russia", "Ship", "UK", "09-05-2024", "Specification"],
]


def _ods_content(rows: list[list[str]]) -> str:
    def cell(value: str) -> str:
        from xml.sax.saxutils import escape

        return (f'<table:table-cell office:value-type="string"><text:p>{escape(value)}'
                "</text:p></table:table-cell>")

    body = "".join("<table:table-row>" + "".join(cell(v) for v in row)
                   + '<table:table-cell table:number-columns-repeated="16376"/></table:table-row>'
                   for row in rows)
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<office:document-content xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
            ' xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
            ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
            '<office:body><office:spreadsheet><table:table table:name="UK_Sanction_List">'
            f"{body}</table:table></office:spreadsheet></office:body></office:document-content>")


def write_uk_ods(path: Path) -> Path:
    """A minimal OpenDocument spreadsheet with the UK Sanctions List columns."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", _ods_content([UK_HEADER, *UK_ROWS]))
    return path


UK_FULL_HEADER = [
    "Last Updated", "Unique ID", "OFSI Group ID", "UN Reference Number", "Name 6", "Name 1",
    "Name 2", "Name 3", "Name 4", "Name 5", "Name type", "Alias strength", "Title",
    "Name non-latin script", "Non-latin script type", "Non-latin script language", "Regime Name",
    "Designation Type", "Designation source", "Sanctions Imposed", "Other Information",
    "Date Designated", "IMO number", "Current owner/operator (s)", "Current believed flag of ship",
    "Type of ship"]
UK_FULL_ROWS = [
    {"Unique ID": "RUS1850", "OFSI Group ID": "15911", "Name 6": "M Leasing", "Name type": "Alias",
     "Regime Name": "Russia", "Designation Type": "Entity", "Date Designated": "18/05/2023"},
    {"Unique ID": "RUS1850", "OFSI Group ID": "15911", "Name 6": "LLC M Leasing",
     "Name type": "Primary Name", "Name non-latin script": "ООО М Лизинг",
     "Regime Name": "Russia", "Designation Type": "Entity", "Date Designated": "18/05/2023"},
    {"Unique ID": "RUS9001", "Name 6": "EXAMPLE CARRIER", "Name type": "Primary Name",
     "Regime Name": "Russia", "Designation Type": "Ship",
     "Date Designated": "09/05/2024 00:00:00", "IMO number": "IMO 9250385",
     "Current believed flag of ship": "Russia", "Type of ship": "General Cargo"},
]


def uk_full_csv() -> str:
    """The FCDO UK Sanctions List CSV, full layout (a Report Date line, one row per name)."""
    import csv
    import io

    out = io.StringIO()
    out.write("Report Date: 11-Aug-2025\n")
    writer = csv.DictWriter(out, UK_FULL_HEADER, lineterminator="\n")
    writer.writeheader()
    for row in UK_FULL_ROWS:
        writer.writerow(row)
    return out.getvalue()


SIMPLE_CSV = (
    '"id","schema","name","aliases","birth_date","countries","addresses","identifiers",'
    '"sanctions","phones","emails","program_ids","dataset","first_seen","last_seen",'
    '"last_change"\n'
    '"NK-d8g6ScMF8FvH2vRiAwL76y","Vessel","ADLER","BBC Kelan;Ocean Power;Rio Kelan","",'
    '"de;gb;im;lr;ru","","273414440;IMO9179854;UGPS","""""","","","UA-WS-MARE",'
    '"Ukraine War and Sanctions","2025-10-06T14:15:21","2026-03-13T05:41:01",'
    '"2026-02-24T05:42:24"\n'
    '"NK-QRwDBWGMrmDwjbQzjFdYFh","Company","LIMITED LIABILITY COMPANY M LEASING","M Leasing LLC",'
    '"","ru","105005, Moscow","1217700121737;9701173086;IMO6246853",";""The shipping company\n'
    'owns a sanctioned fleet.""","","","UA-WS-MARE","Ukraine War and Sanctions",'
    '"2025-10-06T14:15:21","2026-03-13T05:41:01","2026-02-05T14:54:48"\n'
)


def ftm_lines() -> list[dict]:
    """FollowTheMoney entities: a vessel, a company, their sanctions, an address."""
    return [
        {"id": "v-adler", "schema": "Vessel", "datasets": ["eu_fsf"],
         "properties": {"name": ["ADLER"], "imoNumber": ["IMO9179854"], "mmsi": ["273414440"],
                        "flag": ["ru"]}},
        {"id": "c-mleasing", "schema": "Company", "datasets": ["eu_fsf"],
         "properties": {"name": ["M Leasing LLC"], "alias": ["ООО М Лизинг"]}},
        {"id": "s-1", "schema": "Sanction", "datasets": ["eu_fsf"],
         "properties": {"entity": ["c-mleasing"], "program": ["RUS"], "programId": ["EU-UKR"],
                        "startDate": ["2024-02-23"]}},
        {"id": "s-2", "schema": "Sanction", "datasets": ["eu_fsf"],
         "properties": {"entity": ["v-adler"], "programId": ["EU-RUS-VESSELS"],
                        "startDate": ["2024-06-24"], "endDate": ["2025-01-01"]}},
        {"id": "a-1", "schema": "Address", "properties": {"full": ["Moscow"]}},
    ]


def write_all(folder: Path) -> dict[str, Path]:
    """Every fixture in ``folder``; returns format name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"ofac_csv": write_ofac_csv(folder / "ofac")}
    for name, text in (("ofac_xml", SDN_XML), ("ofac_enhanced", ENHANCED_XML),
                       ("eu_xml", EU_XML), ("un_xml", UN_XML)):
        paths[name] = folder / f"{name}.xml"
        paths[name].write_text(text, encoding="utf-8")
    paths["uk"] = write_uk_ods(folder / "uk.ods")
    paths["uk_csv"] = folder / "uk.csv"
    paths["uk_csv"].write_text("\n".join(",".join(f'"{v}"' if "," in v or '"' in v else v
                                                  for v in (c.replace('"', '""') for c in row))
                                         for row in [UK_HEADER, *UK_ROWS]) + "\n",
                               encoding="utf-8")
    paths["uk_full"] = folder / "UK_Sanctions_List.csv"
    paths["uk_full"].write_text(uk_full_csv(), encoding="utf-8")
    paths["targets_simple"] = folder / "targets.simple.csv"
    paths["targets_simple"].write_text(SIMPLE_CSV, encoding="utf-8")
    paths["ftm_json"] = folder / "entities.ftm.json"
    paths["ftm_json"].write_text("\n".join(json.dumps(e, ensure_ascii=False)
                                           for e in ftm_lines()) + "\n", encoding="utf-8")
    return paths
