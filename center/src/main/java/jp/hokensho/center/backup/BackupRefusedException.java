package jp.hokensho.center.backup;

/** A backup file that cannot be restored (wrong passphrase, truncated, altered, not a backup), or a target that is not empty. */
public final class BackupRefusedException extends RuntimeException {
    public BackupRefusedException(String message) {
        super(message);
    }

    public BackupRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
