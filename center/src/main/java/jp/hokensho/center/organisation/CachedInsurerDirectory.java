package jp.hokensho.center.organisation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import jp.hokensho.contract.CardKeys;
import jp.hokensho.routes.port.InsurerDirectory;
import jp.hokensho.routes.port.InsurerEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active insurers as one snapshot of the {@code insurer} table, read again once it is older than
 * {@code maxAge}: a verification then finds its insurer without a database transaction. The bound is strict: a
 * snapshot past its age is never used, the caller that finds it stale reads the table first (one at a time; the
 * others wait and use the new snapshot). So an insurer registered, changed or ended on any node, by the console
 * or the command line, is served as such by every node within {@code maxAge}
 * ({@code center.insurer.directory-refresh-seconds}).
 */
public final class CachedInsurerDirectory implements InsurerDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(CachedInsurerDirectory.class);

    private final Supplier<List<InsurerEntry>> activeInsurers;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private volatile Snapshot snapshot;

    public CachedInsurerDirectory(InsurerRegistry registry, Duration maxAge) {
        this(registry::active, maxAge, System::nanoTime);
    }

    CachedInsurerDirectory(Supplier<List<InsurerEntry>> activeInsurers, Duration maxAge, LongSupplier nanoTime) {
        this.activeInsurers = activeInsurers;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public Optional<InsurerEntry> find(String insurerNumber) {
        return Optional.ofNullable(current().byNumber.get(CardKeys.normalise(insurerNumber)));
    }

    /** Drops the snapshot: the next look-up reads the table (after a change made on this node). */
    public void forget() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        if (known != null && fresh(known)) {
            return known;
        }
        synchronized (this) {
            known = snapshot;
            if (known == null || !fresh(known)) {
                // The time is taken before the read: the snapshot is never older than it claims.
                long readAt = nanoTime.getAsLong();
                Map<String, InsurerEntry> byNumber = activeInsurers.get().stream().collect(Collectors.toUnmodifiableMap(InsurerEntry::insurerNumber, entry -> entry));
                known = new Snapshot(readAt, byNumber);
                snapshot = known;
                LOG.debug("Insurer directory read: {} active insurers", byNumber.size());
            }
            return known;
        }
    }

    private boolean fresh(Snapshot known) {
        return nanoTime.getAsLong() - known.readAt < maxAgeNanos;
    }

    private record Snapshot(long readAt, Map<String, InsurerEntry> byNumber) {
    }
}
