package jp.hokensho.center.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A directory only this user can read, for the plain database copy while it is packed or unpacked (it holds personal
 * data), deleted afterwards whatever happened.
 */
final class ScratchDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchDirectory.class);
    private final Path dir;

    ScratchDirectory(Path parent) throws IOException {
        Files.createDirectories(parent);
        this.dir = Files.createTempDirectory(parent, ".center-backup-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.error("could not delete the scratch directory {}: delete it by hand, it holds personal data", dir, e);
        }
    }
}
