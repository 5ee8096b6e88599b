package jp.hokensho.center.admin.applications;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.regex.Pattern;
import jp.hokensho.center.organisation.OrganisationKind;
import jp.hokensho.contract.admin.OrganisationRequest;
import jp.hokensho.contract.admin.PersonRequest;
import jp.hokensho.routes.permission.Role;
import jp.hokensho.routes.port.ApplicationRefused;

/**
 * The rules an application's fields must keep, checked before anything is stored; each refusal names its field
 * ({@code person.userId}, {@code organisation.code}, …). Text is taken trimmed, empty text as absent.
 */
final class ApplicationChecks {
    static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,63}");
    static final Pattern ORGANISATION_CODE = Pattern.compile("[0-9A-Za-z]{1,40}");
    private static final int MAX_TEXT = 100;
    private static final int MAX_CONTACT = 200;
    private static final int MAX_ADDRESS = 400;
    static final int MAX_REASON = 1000;

    private ApplicationChecks() {
    }

    /** The person of a USER_ADD: every field present. */
    static void newPerson(PersonRequest person, OrganisationKind organisationKind, LocalDate today) {
        if (person == null) {
            throw missing("person");
        }
        userId(person);
        role(require(person.getRole(), "person.role"), organisationKind);
        text(require(person.getName(), "person.name"), "person.name", MAX_TEXT);
        kana(require(person.getKana(), "person.kana"));
        birthDate(person.getBirthDate(), today);
        text(require(person.getContact(), "person.contact"), "person.contact", MAX_CONTACT);
    }

    /** The person of a USER_CHANGE: the user ID and at least one thing to change. */
    static void changedPerson(PersonRequest person, OrganisationKind organisationKind, LocalDate today) {
        if (person == null) {
            throw missing("person");
        }
        userId(person);
        if (person.getRole() == null && person.getName() == null && person.getKana() == null
                && person.getBirthDate() == null && person.getContact() == null) {
            throw new ApplicationRefused("MISSING_FIELD", "person", "a change names at least one of role, name, "
                    + "kana, birthDate, contact");
        }
        if (person.getRole() != null) {
            role(person.getRole(), organisationKind);
        }
        if (person.getName() != null) {
            text(person.getName(), "person.name", MAX_TEXT);
        }
        if (person.getKana() != null) {
            kana(person.getKana());
        }
        if (person.getBirthDate() != null) {
            birthDate(person.getBirthDate(), today);
        }
        if (person.getContact() != null) {
            text(person.getContact(), "person.contact", MAX_CONTACT);
        }
    }

    static void removedPerson(PersonRequest person) {
        if (person == null) {
            throw missing("person");
        }
        userId(person);
    }

    /** A new organisation: code, name and kind; an insurer its delivery, a real-time one its endpoint. */
    static OrganisationKind newOrganisation(OrganisationRequest organisation) {
        if (organisation == null) {
            throw missing("organisation");
        }
        String code = require(organisation.getCode(), "organisation.code");
        if (!ORGANISATION_CODE.matcher(code).matches()) {
            throw invalid("organisation.code", "1 to 40 letters or digits");
        }
        text(require(organisation.getName(), "organisation.name"), "organisation.name", 200);
        OrganisationKind kind = organisationKind(require(organisation.getKind(), "organisation.kind"));
        insurerFields(organisation, kind, true);
        return kind;
    }

    /** A change of an existing organisation of {@code kind}: at least one field. */
    static void changedOrganisation(OrganisationRequest organisation, OrganisationKind kind) {
        if (organisation == null || organisation.getName() == null && organisation.getAddress() == null
                && organisation.getDelivery() == null && organisation.getEndpoint() == null
                && organisation.getTimeoutMillis() == null) {
            throw new ApplicationRefused("MISSING_FIELD", "organisation", "a change names at least one of name, "
                    + "address, delivery, endpoint, timeoutMillis");
        }
        if (organisation.getName() != null) {
            text(organisation.getName(), "organisation.name", 200);
        }
        insurerFields(organisation, kind, false);
    }

    static String reason(String reason, boolean approve) {
        if (reason == null && !approve) {
            throw new ApplicationRefused("REASON_REQUIRED", "reason", "a rejection needs a reason");
        }
        if (reason != null && reason.length() > MAX_REASON) {
            throw invalid("reason", "at most " + MAX_REASON + " characters");
        }
        return reason;
    }

    private static void insurerFields(OrganisationRequest organisation, OrganisationKind kind, boolean registering) {
        if (organisation.getAddress() != null) {
            text(organisation.getAddress(), "organisation.address", MAX_ADDRESS);
        }
        boolean insurerFields = organisation.getDelivery() != null || organisation.getEndpoint() != null
                || organisation.getTimeoutMillis() != null;
        if (kind != OrganisationKind.INSURER) {
            if (insurerFields) {
                throw invalid("organisation.delivery", "delivery, endpoint and timeout are for insurers only");
            }
            return;
        }
        if (registering && organisation.getDelivery() == null) {
            throw missing("organisation.delivery");
        }
        if (organisation.getDelivery() != null && !organisation.getDelivery().equals("real-time")
                && !organisation.getDelivery().equals("pre-stored")) {
            throw invalid("organisation.delivery", "real-time or pre-stored");
        }
        if (registering && "real-time".equals(organisation.getDelivery()) && organisation.getEndpoint() == null) {
            throw new ApplicationRefused("MISSING_FIELD", "organisation.endpoint", "a real-time insurer needs the "
                    + "address of its card server");
        }
        if (organisation.getTimeoutMillis() != null && (organisation.getTimeoutMillis() < 100
                || organisation.getTimeoutMillis() > 60_000)) {
            throw invalid("organisation.timeoutMillis", "100 to 60000 milliseconds");
        }
    }

    static OrganisationKind organisationKind(String kind) {
        if (!kind.equals(OrganisationKind.INSURER.name()) && !kind.equals(OrganisationKind.MEDICAL_INSTITUTION.name())) {
            throw invalid("organisation.kind", "INSURER or MEDICAL_INSTITUTION");
        }
        return OrganisationKind.valueOf(kind);
    }

    private static void userId(PersonRequest person) {
        String userId = require(person.getUserId(), "person.userId");
        if (!USER_ID.matcher(userId).matches()) {
            throw invalid("person.userId", "3 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static void role(String role, OrganisationKind kind) {
        // A role the code does not know would carry no rights; one of another kind of organisation wrong ones.
        if (Role.ofCode(role).isEmpty() || !role.startsWith(kind.name() + ":")) {
            throw invalid("person.role", "one of " + Arrays.stream(Role.values()).map(Role::code)
                    .filter(code -> code.startsWith(kind.name() + ":")).toList());
        }
    }

    private static void kana(String kana) {
        text(kana, "person.kana", MAX_TEXT);
        if (!SamePerson.normalised(kana).matches("[\\u30A0-\\u30FF]+")) {
            throw invalid("person.kana", "katakana or hiragana only");
        }
    }

    private static void birthDate(LocalDate birthDate, LocalDate today) {
        if (birthDate == null) {
            throw missing("person.birthDate");
        }
        if (birthDate.isAfter(today) || birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
            throw invalid("person.birthDate", "a date between 1900-01-01 and today");
        }
    }

    private static void text(String value, String field, int max) {
        if (value.length() > max) {
            throw invalid(field, "at most " + max + " characters");
        }
    }

    private static String require(String value, String field) {
        if (value == null) {
            throw missing(field);
        }
        return value;
    }

    private static ApplicationRefused missing(String field) {
        return new ApplicationRefused("MISSING_FIELD", field, field + " is required");
    }

    private static ApplicationRefused invalid(String field, String rule) {
        return new ApplicationRefused("INVALID_FIELD", field, field + ": " + rule);
    }
}
