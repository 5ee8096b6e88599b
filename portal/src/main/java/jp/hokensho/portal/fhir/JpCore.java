package jp.hokensho.portal.fhir;

import java.util.Set;

/**
 * The identifiers and extensions of JP Core (HL7 FHIR JP Core Implementation Guide, JP_Coverage and
 * JP_Organization profiles) this endpoint reads and writes; where each comes from is listed in docs/integration.md.
 */
final class JpCore {
    /** 被保険者証記号 on a Coverage (valueString). */
    static final String INSURED_PERSON_SYMBOL =
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_InsuredPersonSymbol";
    /** 被保険者証番号 on a Coverage (valueString). */
    static final String INSURED_PERSON_NUMBER =
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_InsuredPersonNumber";
    /** 枝番 on a Coverage (valueString, two digits); JP Core puts the same value into Coverage.dependent. */
    static final String INSURED_PERSON_SUB_NUMBER =
            "http://jpfhir.jp/fhir/core/Extension/StructureDefinition/JP_Coverage_InsuredPersonSubNumber";
    /** 保険者番号: the identifier system of JP_Organization's insurerNumber slice (JP Core 1.1 and later). */
    static final String INSURER_NUMBER = "http://jpfhir.jp/fhir/core/mhlw/IdSystem/InsurerNumber";
    /** The same system as JP Core 1.0 and the MHLW OID registry name it; accepted on input. */
    static final String INSURER_NUMBER_OID = "urn:oid:1.2.392.100495.20.3.61";
    static final Set<String> INSURER_NUMBER_SYSTEMS = Set.of(INSURER_NUMBER, INSURER_NUMBER_OID);
    /** 被保険者個人識別子 (insuranceIdentifier slice): 保険者番号:記号:番号:枝番. */
    static final String INSURANCE_MEMBER_ID = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
    /** 被保険者区分 (1 被保険者, 2 被扶養者), which JP Core names for Coverage.relationship. */
    static final String INSURED_PERSON_CATEGORY = "http://jpfhir.jp/fhir/core/mhlw/CodeSystem/InsuredPersonCategory";
    /** FHIR's own code system of Coverage.relationship. */
    static final String SUBSCRIBER_RELATIONSHIP = "http://terminology.hl7.org/CodeSystem/subscriber-relationship";

    /** This center's own systems: the 認証番号 of an answer and its result codes (not JP Core). */
    static final String VERIFICATION_NUMBER = "http://hokensho.jp/fhir/sid/verification-number";
    static final String RESULT_CODE = "http://hokensho.jp/fhir/CodeSystem/eligibility-result";

    private JpCore() {
    }
}
