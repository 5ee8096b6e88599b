package jp.hokensho.insurer.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The insurer roles of table 6-2 ① (stored at the center as {@code INSURER:ROLE}), each with the rights of its
 * ○ cells and the narrower right of each △ cell, as the center decided them (docs/permissions.md).
 * Columns 保険者申請 and 利用者申請 are applications to the center; on the card server the latter becomes
 * the administration of its own users.
 */
public enum AdapterRole {
    /** 運用管理責任者: ○ maintenance, △ card data (status), ○ general work. */
    OPERATIONS_MANAGER(AdapterRight.CARD_SERVER_MAINTENANCE, AdapterRight.CARD_DATA_STATUS, AdapterRight.GENERAL_WORK),
    /** 媒体管理責任者: △ card data (status), △ general work (log viewing), ○ media. */
    MEDIA_MANAGER(AdapterRight.CARD_DATA_STATUS, AdapterRight.LOG_VIEWING, AdapterRight.MEDIA_MANAGEMENT),
    /** 業務責任者: ○ card data, ○ (user application → user administration), ○ general work. */
    BUSINESS_MANAGER(AdapterRight.REGISTER_CARD_DATA, AdapterRight.USER_ADMINISTRATION, AdapterRight.GENERAL_WORK),
    /** 担当者: △ card data (entry: import and update, not end), ○ general work. */
    STAFF(AdapterRight.CARD_DATA_ENTRY, AdapterRight.GENERAL_WORK);

    private final Set<AdapterRight> rights;

    AdapterRole(AdapterRight... granted) {
        EnumSet<AdapterRight> all = EnumSet.noneOf(AdapterRight.class);
        for (AdapterRight r : granted) {
            all.addAll(r.withIncluded());
        }
        this.rights = Set.copyOf(all);
    }

    public boolean has(AdapterRight right) {
        return rights.contains(right);
    }

    public Set<AdapterRight> rights() {
        return rights;
    }

    /** The role named (case-insensitive); anything else is a usage error naming the four roles. */
    public static AdapterRole parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown role '" + name + "': one of OPERATIONS_MANAGER, "
                    + "MEDIA_MANAGER, BUSINESS_MANAGER, STAFF", e);
        }
    }
}
