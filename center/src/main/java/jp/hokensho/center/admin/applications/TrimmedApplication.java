package jp.hokensho.center.admin.applications;

import jp.hokensho.contract.admin.NewApplication;
import jp.hokensho.contract.admin.OrganisationRequest;
import jp.hokensho.contract.admin.PersonRequest;

/** An application as the center keeps it: every text trimmed, empty text absent. */
final class TrimmedApplication {
    private TrimmedApplication() {
    }

    static NewApplication of(NewApplication submitted) {
        NewApplication application = new NewApplication();
        application.setKind(submitted.getKind());
        application.setComment(text(submitted.getComment()));
        PersonRequest person = submitted.getPerson();
        if (person != null) {
            PersonRequest trimmed = new PersonRequest();
            trimmed.setUserId(text(person.getUserId()));
            trimmed.setRole(text(person.getRole()));
            trimmed.setName(text(person.getName()));
            trimmed.setKana(text(person.getKana()));
            trimmed.setBirthDate(person.getBirthDate());
            trimmed.setContact(text(person.getContact()));
            application.setPerson(trimmed);
        }
        OrganisationRequest organisation = submitted.getOrganisation();
        if (organisation != null) {
            OrganisationRequest trimmed = new OrganisationRequest();
            trimmed.setCode(text(organisation.getCode()));
            trimmed.setName(text(organisation.getName()));
            trimmed.setKind(text(organisation.getKind()));
            trimmed.setAddress(text(organisation.getAddress()));
            trimmed.setDelivery(text(organisation.getDelivery()));
            trimmed.setEndpoint(text(organisation.getEndpoint()));
            trimmed.setTimeoutMillis(organisation.getTimeoutMillis());
            application.setOrganisation(trimmed);
        }
        return application;
    }

    static String text(String value) {
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
