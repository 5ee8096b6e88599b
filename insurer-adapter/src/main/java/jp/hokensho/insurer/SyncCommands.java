package jp.hokensho.insurer;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Optional;

import jakarta.xml.ws.WebServiceException;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.contract.registry.InvalidRequestFault;
import jp.hokensho.insurer.card.AdapterDatabase;
import jp.hokensho.insurer.card.ChangeFeed;
import jp.hokensho.insurer.sync.CardSync;
import jp.hokensho.insurer.sync.Reconciliation;
import jp.hokensho.insurer.sync.ReconciliationReport;
import jp.hokensho.insurer.sync.RegistryClient;
import jp.hokensho.insurer.sync.SyncReport;
import jp.hokensho.insurer.sync.SyncSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands that talk to the center's registry: one sync run, and reconciliation (PRE_STORED insurers).
 */
public final class SyncCommands {
    static final String RECONCILE_LOGGER = "jp.hokensho.insurer.reconcile";
    private static final Logger RECONCILE = LoggerFactory.getLogger(RECONCILE_LOGGER);

    private SyncCommands() {
    }

    public static int sync(AdapterSettings settings, AdapterDatabase db, PrintStream out, PrintStream err) {
        requirePreStored(settings, "sync");
        SyncReport report = CardSync.connect(settings, db.dataSource()).run(settings.insurerNumbers());
        for (SyncReport.InsurerRun run : report.insurers()) {
            (run.ok() ? out : err).println(run);
            run.problems().forEach(p -> err.println("  " + p));
        }
        return report.ok() ? AdapterCommands.OK : AdapterCommands.FAILED;
    }

    public static int reconcile(AdapterSettings settings, AdapterDatabase db, PrintStream out, PrintStream err)
            throws SQLException {
        requirePreStored(settings, "reconcile");
        SyncSettings sync = SyncSettings.from(settings);
        boolean consistent = true;
        try {
            Reconciliation reconciliation = new Reconciliation(new ChangeFeed(db.dataSource()),
                    RegistryClient.connect(settings, sync), sync.chunkSize());
            for (String insurer : settings.insurerNumbers()) {
                ReconciliationReport report = reconciliation.compare(insurer);
                for (ReconciliationReport.Difference d : report.differences()) {
                    RECONCILE.warn("insurer {}: {}", insurer, d);
                    out.println(d);
                }
                RECONCILE.info("{}", report.summary());
                out.println(report.summary());
                consistent &= report.consistent();
            }
        } catch (InvalidRequestFault | WebServiceException e) {
            RECONCILE.error("Reconciliation failed: the center's registry did not answer", e);
            err.println("reconcile failed: " + e.getMessage());
            return AdapterCommands.FAILED;
        }
        return consistent ? AdapterCommands.OK : AdapterCommands.FAILED;
    }

    /** The insurer a command is about: as given (must be served), or the only one the adapter serves. */
    static String insurer(AdapterSettings settings, Optional<String> given) {
        if (given.isPresent()) {
            String insurer = CardKeys.normalise(given.get());
            if (!settings.insurerNumbers().contains(insurer)) {
                throw new IllegalArgumentException("insurer " + insurer + " is not served by this adapter ("
                        + AdapterSettings.INSURER_NUMBERS + ")");
            }
            return insurer;
        }
        if (settings.insurerNumbers().size() != 1) {
            throw new IllegalArgumentException("this adapter serves " + settings.insurerNumbers()
                    + ": name one with --insurer");
        }
        return settings.insurerNumbers().iterator().next();
    }

    public static void requirePreStored(AdapterSettings settings, String command) {
        if (settings.mode() != AdapterSettings.Mode.PRE_STORED) {
            throw new IllegalArgumentException(command + ": " + AdapterSettings.MODE + " is " + settings.mode()
                    + "; only a PRE_STORED insurer pushes its cards to the center");
        }
    }
}
