package jp.hokensho.routes.port;

import java.util.List;
import jp.hokensho.contract.admin.OrganisationSummary;

/** The registered insurers and medical institutions, as the AdminService lists them. */
public interface OrganisationListing {
    List<OrganisationSummary> list(boolean includeEnded);
}
