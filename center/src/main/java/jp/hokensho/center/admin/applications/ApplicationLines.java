package jp.hokensho.center.admin.applications;

import jp.hokensho.contract.admin.Application;

/** One application on one line of the console. */
final class ApplicationLines {
    private ApplicationLines() {
    }

    static String line(Application application) {
        String subject = application.getPerson() != null
                ? application.getPerson().getUserId() + (application.getPerson().getRole() == null ? ""
                : " " + application.getPerson().getRole()) + (application.getPerson().getName() == null ? ""
                : " " + application.getPerson().getName())
                : application.getOrganisation() == null || application.getOrganisation().getName() == null ? ""
                : application.getOrganisation().getName();
        return String.format("%6d %-22s %-9s %-12s %-20s %s %s%s", application.getId(), application.getKind(),
                application.getState(), application.getOrganisationCode(), application.getApplicant(),
                application.getSubmittedAt(), subject, application.getDecidedBy() == null ? ""
                        : " | " + application.getDecidedBy() + " " + application.getDecidedAt()
                        + (application.getReason() == null ? "" : ": " + application.getReason()));
    }
}
