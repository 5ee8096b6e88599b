package jp.hokensho.routes.permission;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's docs/ folder from the module's working directory, wherever Maven runs the tests. */
public final class RepositoryDocs {
    private RepositoryDocs() {
    }

    public static Path permissionsDocument() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("docs")) && Files.isDirectory(dir.resolve("camel-routes"))) {
                return dir.resolve("docs/permissions.md");
            }
        }
        throw new IllegalStateException("no repository root (docs/ beside camel-routes/) above "
                + System.getProperty("user.dir"));
    }
}
