package jp.hokensho.center.admin.applications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.contract.admin.OrganisationRequest;
import jp.hokensho.contract.admin.PersonRequest;
import jp.hokensho.routes.port.ApplicationRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The rules of an application's fields, each refusal naming its field; and one person's readings compared. */
class ApplicationChecksTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void aCompletePersonPasses() {
        ApplicationChecks.newPerson(person("new-staff", "MEDICAL_INSTITUTION:STAFF"), OrganisationKind.MEDICAL_INSTITUTION,
                TODAY);
    }

    @Test
    void eachBrokenRuleNamesItsField() {
        assertRefused("MISSING_FIELD", "person.name", () -> {
            PersonRequest person = person("new-staff", "MEDICAL_INSTITUTION:STAFF");
            person.setName(null);
            ApplicationChecks.newPerson(person, OrganisationKind.MEDICAL_INSTITUTION, TODAY);
        });
        assertRefused("INVALID_FIELD", "person.role", () -> ApplicationChecks.newPerson(
                person("new-staff", "CENTER:SYSTEM_ADMINISTRATOR"), OrganisationKind.MEDICAL_INSTITUTION, TODAY));
        assertRefused("INVALID_FIELD", "person.role", () -> ApplicationChecks.newPerson(
                person("new-staff", "INSURER:STAFF"), OrganisationKind.MEDICAL_INSTITUTION, TODAY));
        assertRefused("INVALID_FIELD", "person.userId", () -> ApplicationChecks.newPerson(
                person("x", "MEDICAL_INSTITUTION:STAFF"), OrganisationKind.MEDICAL_INSTITUTION, TODAY));
        assertRefused("INVALID_FIELD", "person.kana", () -> {
            PersonRequest person = person("new-staff", "MEDICAL_INSTITUTION:STAFF");
            person.setKana("Ueno Hanako");
            ApplicationChecks.newPerson(person, OrganisationKind.MEDICAL_INSTITUTION, TODAY);
        });
        assertRefused("INVALID_FIELD", "person.birthDate", () -> {
            PersonRequest person = person("new-staff", "MEDICAL_INSTITUTION:STAFF");
            person.setBirthDate(TODAY.plusDays(1));
            ApplicationChecks.newPerson(person, OrganisationKind.MEDICAL_INSTITUTION, TODAY);
        });
        assertRefused("MISSING_FIELD", "person", () -> {
            PersonRequest nothing = new PersonRequest();
            nothing.setUserId("new-staff");
            ApplicationChecks.changedPerson(nothing, OrganisationKind.MEDICAL_INSTITUTION, TODAY);
        });
    }

    @Test
    void organisationsAndDecisions() {
        OrganisationRequest insurer = new OrganisationRequest();
        insurer.setCode("06139999");
        insurer.setName("谷中健康保険組合");
        insurer.setKind("INSURER");
        assertRefused("MISSING_FIELD", "organisation.delivery", () -> ApplicationChecks.newOrganisation(insurer));
        insurer.setDelivery("real-time");
        assertRefused("MISSING_FIELD", "organisation.endpoint", () -> ApplicationChecks.newOrganisation(insurer));
        insurer.setDelivery("pre-stored");
        assertEquals(OrganisationKind.INSURER, ApplicationChecks.newOrganisation(insurer));

        OrganisationRequest clinicChange = new OrganisationRequest();
        clinicChange.setDelivery("pre-stored");
        assertRefused("INVALID_FIELD", "organisation.delivery", () -> ApplicationChecks.changedOrganisation(
                clinicChange, OrganisationKind.MEDICAL_INSTITUTION));

        assertRefused("REASON_REQUIRED", "reason", () -> ApplicationChecks.reason(null, false));
        assertEquals(null, ApplicationChecks.reason(null, true));
    }

    @Test
    void readingsOfOneNameCompareAlike() {
        assertEquals(SamePerson.normalised("ウエノ ハナコ"), SamePerson.normalised("うえの　はなこ"));
        assertEquals(SamePerson.normalised("ウエノ ハナコ"), SamePerson.normalised("ｳｴﾉﾊﾅｺ"));
        assertEquals(SamePerson.normalised("上野 花子"), SamePerson.normalised("上野　花子"));
    }

    private static PersonRequest person(String userId, String role) {
        PersonRequest person = new PersonRequest();
        person.setUserId(userId);
        person.setRole(role);
        person.setName("上野 花子");
        person.setKana("ウエノ ハナコ");
        person.setBirthDate(LocalDate.of(1990, 1, 2));
        person.setContact("03-1234-5678");
        return person;
    }

    private static void assertRefused(String code, String field, Executable check) {
        ApplicationRefused refused = assertThrows(ApplicationRefused.class, check);
        assertEquals(code, refused.code(), refused.getMessage());
        assertEquals(field, refused.field(), refused.getMessage());
    }
}
