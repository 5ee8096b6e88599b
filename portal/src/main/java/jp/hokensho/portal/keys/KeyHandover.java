package jp.hokensho.portal.keys;

import jakarta.servlet.http.HttpSession;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import jp.hokensho.contract.admin.IssuedKeyFile;

/**
 * A key file just issued, kept in the administrator's session (memory only) until it is handed over: the one-time
 * password is shown once ({@link #takePassword()}), the file is downloaded once ({@link #takeFile}). Nothing of it
 * is written anywhere; a session that ends drops it.
 */
final class KeyHandover {
    private static final String ATTRIBUTE = "portal.keys.handover";
    private static final SecureRandom RANDOM = new SecureRandom();

    final String id;
    final KeyRow key;
    final KeyRow oldKey;
    final String fileName;
    private byte[] file;
    private String password;

    private KeyHandover(String id, IssuedKeyFile issued, KeyRow oldKey) {
        this.id = id;
        this.key = KeyRow.of(issued.getKey());
        this.oldKey = oldKey;
        this.fileName = issued.getFileName();
        this.file = issued.getKeyFile();
        this.password = issued.getOneTimePassword();
    }

    /** Keeps a new key file in the session; returns its handover. @param oldKey the renewed key, or null */
    static KeyHandover keep(HttpSession session, IssuedKeyFile issued, KeyRow oldKey) {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        KeyHandover handover = new KeyHandover(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), issued,
                oldKey);
        synchronized (session) {
            all(session).put(handover.id, handover);
        }
        return handover;
    }

    static KeyHandover find(HttpSession session, String id) {
        if (session == null || id == null) {
            return null;
        }
        synchronized (session) {
            return all(session).get(id);
        }
    }

    /** The password the first time, null afterwards. */
    synchronized String takePassword() {
        String shown = password;
        password = null;
        return shown;
    }

    /** The file the first time, null afterwards; the handover is dropped once both are handed out. */
    byte[] takeFile(HttpSession session) {
        byte[] taken;
        synchronized (this) {
            taken = file;
            file = null;
        }
        synchronized (session) {
            if (password == null) {
                all(session).remove(id);
            }
        }
        return taken;
    }

    synchronized boolean fileTaken() {
        return file == null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, KeyHandover> all(HttpSession session) {
        Map<String, KeyHandover> handovers = (Map<String, KeyHandover>) session.getAttribute(ATTRIBUTE);
        if (handovers == null) {
            handovers = new HashMap<>();
            session.setAttribute(ATTRIBUTE, handovers);
        }
        return handovers;
    }
}
