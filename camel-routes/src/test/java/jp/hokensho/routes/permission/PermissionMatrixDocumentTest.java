package jp.hokensho.routes.permission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/permissions.md is exactly what the code renders, so the documented matrix cannot drift from the code. */
class PermissionMatrixDocumentTest {

    @Test
    void committedDocumentIsTheRenderingOfTheCode() throws IOException {
        Path document = RepositoryDocs.permissionsDocument();
        String rendered = PermissionMatrixDocument.render();
        if (Boolean.getBoolean("permissions.write")) {
            Files.writeString(document, rendered, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(document), document + " is missing; regenerate it: " + PermissionMatrixDocument.REGENERATE);
        assertEquals(rendered, Files.readString(document, StandardCharsets.UTF_8),
                document + " differs from the permission model in the code; regenerate it with: "
                        + PermissionMatrixDocument.REGENERATE);
    }

    @Test
    void documentShowsEveryRoleAndEveryServedOperation() {
        String rendered = PermissionMatrixDocument.render();
        for (Role role : Role.values()) {
            assertTrue(rendered.contains("`" + role.code() + "`"), role.code());
        }
        for (OperationRights operation : OperationRights.values()) {
            assertTrue(rendered.contains("`" + operation.operationName() + "`"), operation.operationName());
        }
    }
}
