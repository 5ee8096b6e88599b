package jp.hokensho.routes.port;

import java.time.Duration;

/**
 * One insurer of the directory.
 *
 * @param endpointAddress real-time only: the URL of the insurer adapter's InsurerQueryService
 * @param certificateAlias real-time only: the name under which the center's crypto finds the insurer's certificate
 *                         as its registration in the database holds it; requests are encrypted to it
 * @param timeout          real-time only: how long to wait for the insurer's answer
 */
public record InsurerEntry(String insurerNumber, String name, String address, DeliveryMode mode,
                           String endpointAddress, String certificateAlias, Duration timeout) {

    /** How the insurer's card data reaches the center. */
    public enum DeliveryMode {
        /** リアルタイム型: each query goes live to the insurer's card server. */
        REAL_TIME,
        /** 事前蓄積型: the insurer uploads its cards to the center's card store ahead of time. */
        PRE_STORED
    }
}
