package jp.hokensho.insurer.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a person may do on the insurer's card server: the insurer columns of table 6-2 ① that concern it, with the
 * center's △ decisions (docs/permissions.md) reused: a column's full right includes its narrower ones.
 */
public enum AdapterRight {
    /** △ of operations and media managers: see what the center holds (reconcile); no changes. */
    CARD_DATA_STATUS,
    /** △ of staff: register and update cards (import, push them to the center); not end eligibility. */
    CARD_DATA_ENTRY(CARD_DATA_STATUS),
    /** ○ 保険証データ登録 (business manager): everything on card data, including ending eligibility. */
    REGISTER_CARD_DATA(CARD_DATA_STATUS, CARD_DATA_ENTRY),
    /** ○ 保険証サーバー保守 (operations manager): maintain the card server (configuration, restarts, its logs). */
    CARD_SERVER_MAINTENANCE,
    /** ○ 利用者申請 (business manager): the organisation's users; on the card server: add and unlock them. */
    USER_ADMINISTRATION,
    /** △ 一般業務 of the media manager: read the card server's access and unauthorised-access logs. */
    LOG_VIEWING,
    /** ○ 一般業務: day-to-day work, includes reading the logs. */
    GENERAL_WORK(LOG_VIEWING),
    /** ○ 媒体管理 (media manager): the card server's backup media. */
    MEDIA_MANAGEMENT;

    // A list: an EnumSet cannot be made while the enum's own constants are being created.
    private final List<AdapterRight> includes;

    AdapterRight(AdapterRight... includes) {
        this.includes = List.of(includes);
    }

    /** This right and every narrower right it includes. */
    public Set<AdapterRight> withIncluded() {
        EnumSet<AdapterRight> all = EnumSet.of(this);
        all.addAll(includes);
        return all;
    }
}
