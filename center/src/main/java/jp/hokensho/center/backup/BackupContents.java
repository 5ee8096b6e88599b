package jp.hokensho.center.backup;

import java.util.List;

/** What a backup holds besides the database: the config file and every key file the settings name. */
final class BackupContents {
    static final String MANIFEST = "manifest.properties";
    static final String DATABASE_PREFIX = "database/";
    static final String SETTINGS = "settings/center.properties";
    static final String FILES_PREFIX = "files/";
    static final String FORMAT = "1";

    /**
     * The settings naming keystores: the center's signing key and truststore, the CA, the TLS key, and the data
     * key (encryption at rest). The checkpoints are signed with the center's key (center.keystore.*).
     */
    static final List<String> KEY_FILE_SETTINGS = List.of("center.keystore.path", "center.truststore.path",
            "center.ca.keystore.path", "center.tls.keystore.path", "center.data-key.keystore.path");

    private BackupContents() {
    }
}
