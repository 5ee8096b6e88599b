package jp.hokensho.center.backup;

import java.util.List;
import java.util.regex.Pattern;
import jp.hokensho.center.CenterSettings;

/** What a backup holds besides the database: the config file and every key file the settings name. */
final class BackupContents {
    static final String MANIFEST = "manifest.properties";
    static final String DATABASE_PREFIX = "database/";
    static final String SETTINGS = "settings/center.properties";
    static final String FILES_PREFIX = "files/";
    static final String FORMAT = "1";
    private static final Pattern KEY_FILE = Pattern.compile("center\\.([a-z0-9.-]+\\.)?(keystore|truststore)\\.path");

    /**
     * The settings naming key files, every {@code center.[...].keystore.path} or {@code truststore.path} that is set:
     * today the center's signing key (which also signs the audit checkpoints) and truststore, the CA, the TLS key and
     * the data key of encryption at rest. Taken by pattern, so that a key file added later under such a name is
     * backed up too.
     */
    static List<String> keyFileSettings(CenterSettings settings) {
        return settings.names().stream().filter(name -> KEY_FILE.matcher(name).matches())
                .filter(name -> settings.getOrNull(name) != null).toList();
    }

    private BackupContents() {
    }
}
