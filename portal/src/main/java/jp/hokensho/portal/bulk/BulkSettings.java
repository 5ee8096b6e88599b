package jp.hokensho.portal.bulk;

import jp.hokensho.portal.PortalSettings;

/** The limits of 一括認証 from the portal's settings ({@code portal.bulk.*}), checked once at start. */
public record BulkSettings(long maxBytes, int maxRows, int syncMaxRows, int pollSeconds) {
    /** verifyEligibilityBatch takes at most this many items (its schema). */
    static final int CONTRACT_SYNC_MAX = 1000;

    public static BulkSettings of(PortalSettings settings) {
        BulkSettings bulk = new BulkSettings(settings.getInt("portal.bulk.max-bytes"),
                settings.getInt("portal.bulk.max-rows"), settings.getInt("portal.bulk.sync-max-rows"),
                settings.getInt("portal.bulk.poll-seconds"));
        if (bulk.maxBytes < 1 || bulk.maxRows < 1 || bulk.pollSeconds < 1) {
            throw new IllegalArgumentException("portal.bulk.max-bytes, max-rows and poll-seconds must be positive");
        }
        if (bulk.syncMaxRows < 1 || bulk.syncMaxRows > CONTRACT_SYNC_MAX) {
            throw new IllegalArgumentException("portal.bulk.sync-max-rows must be between 1 and " + CONTRACT_SYNC_MAX
                    + " (verifyEligibilityBatch takes at most " + CONTRACT_SYNC_MAX + " items), not "
                    + bulk.syncMaxRows);
        }
        return bulk;
    }

    /** 2 MB, 512 KB: how the page states the size limit. */
    public String maxSizeText() {
        return maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB"
                : maxBytes % 1024 == 0 ? maxBytes / 1024 + " KB" : String.format("%,d バイト", maxBytes);
    }

    public String maxRowsText() {
        return String.format("%,d", maxRows);
    }
}
