package jp.hokensho.center.organisation;

import java.time.LocalDateTime;

/** An organisation with its address and, once ended, when (UTC): what the operator's listing shows. */
public record OrganisationDetails(String code, String name, OrganisationKind kind, String address,
                                  LocalDateTime endedAt) {
    public boolean ended() {
        return endedAt != null;
    }
}
