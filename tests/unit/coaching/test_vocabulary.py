"""The words every view shares: finding codes, target labels, the not-a-diagnosis sentence."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, cast

import pytest

from calfcoach.coaching.assessment import parse_assessment
from calfcoach.coaching.diagnosis import diagnose
from calfcoach.coaching.documents import plan_document, read_plan_document
from calfcoach.coaching.errors import InvalidDocument
from calfcoach.coaching.planner import build_plan
from calfcoach.coaching.red_flags import GUIDE_ONLY, NOT_A_DIAGNOSIS, RED_FLAG_RULES
from calfcoach.coaching.roster import ASYMMETRY_CODES, asymmetries
from calfcoach.coaching.vocabulary import FindingCode, Side, Target

TODAY = date(2026, 11, 23)
# Every finding the engine writes: C5 both ankles, C6 on the right, C7 on the left.
ALL_FINDINGS = {
    "heel_raise": {"left": 30, "right": 22},
    "knee_to_wall": {"left_cm": 6.0, "right_cm": 9.0},
}


def planned(assessment: dict[str, object]) -> dict[str, Any]:
    read = parse_assessment(assessment, TODAY)
    return plan_document(build_plan(read, diagnose(read)))


def test_finding_codes_round_trip_through_the_plan_document_as_plain_text() -> None:
    document = planned(ALL_FINDINGS)
    stored = json.loads(json.dumps(document))
    findings = stored["diagnosis"]["findings"]
    assert [f["code"] for f in findings] == [
        "ankle_range",
        "heel_raise_asymmetry",
        "ankle_range_asymmetry",
    ]
    assert all(type(f["code"]) is str for f in document["diagnosis"]["findings"])

    read = read_plan_document(stored)
    assert [f.code for f in read.diagnosis.findings] == [
        FindingCode.ANKLE_RANGE,
        FindingCode.HEEL_RAISE_ASYMMETRY,
        FindingCode.ANKLE_RANGE_ASYMMETRY,
    ]
    assert all(isinstance(f.code, FindingCode) for f in read.diagnosis.findings)
    assert plan_document(read) == document


def test_the_noise_finding_round_trips_too() -> None:
    read = read_plan_document(planned({"heel_raise": {"left": 30, "right": 26}}))
    assert [f.code for f in read.diagnosis.findings] == [FindingCode.RETEST_ASYMMETRY]


def test_a_finding_code_the_engine_never_writes_is_refused_by_name() -> None:
    document = planned(ALL_FINDINGS)
    cast(list[dict[str, object]], document["diagnosis"]["findings"])[1]["code"] = "weak_toes"
    with pytest.raises(InvalidDocument) as refused:
        read_plan_document(document)
    assert refused.value.field == "diagnosis.findings[1].code"


def test_the_roster_shows_the_asymmetry_findings_in_words() -> None:
    read = read_plan_document(planned(ALL_FINDINGS))
    assert set(FindingCode) - {FindingCode.ANKLE_RANGE} == ASYMMETRY_CODES
    assert asymmetries(read.diagnosis.findings) == (
        "heel raise asymmetry (right)",
        "ankle range asymmetry (left)",
    )
    assert read.diagnosis.findings[0].side is Side.BOTH


def test_every_target_has_a_label_and_the_labels_differ() -> None:
    labels = [target.label for target in Target]
    assert all(labels)
    assert len(set(labels)) == len(labels)
    assert Target.STRENGTH.label == "Strength"
    assert Target.REFER.label == "See a clinician first"
    assert Target.REFER.gist == ""
    assert all(target.gist for target in Target if target is not Target.REFER)


def test_there_is_one_not_a_diagnosis_sentence() -> None:
    assert NOT_A_DIAGNOSIS.startswith(GUIDE_ONLY.removesuffix("."))
    assert "training guide, not a diagnosis" in GUIDE_ONLY
    assert all(rule.message.endswith(NOT_A_DIAGNOSIS) for rule in RED_FLAG_RULES.values())
    assert diagnose(parse_assessment(ALL_FINDINGS, TODAY)).disclaimer == NOT_A_DIAGNOSIS
