package jp.hokensho.center.admin.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jp.hokensho.center.admin.OrganisationCli.InsurerDetails;
import jp.hokensho.routes.port.InsurerEntry.DeliveryMode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of {@code org add} and {@code org change} that only an insurer takes. */
final class InsurerOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--delivery", paramLabel = "real-time|pre-stored", converter = DeliveryModeConverter.class,
            description = "How the insurer's cards reach the center: queried live from its adapter (real-time) or"
                    + " uploaded ahead of time (pre-stored). Required for an insurer.")
    private DeliveryMode delivery;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "A real-time insurer's adapter: https://, or http:// on loopback only.")
    private String endpoint;

    @Option(names = "--certificate", paramLabel = "FILE",
            description = "The certificate (PEM or DER) of the key a real-time insurer's adapter signs with; it"
                    + " goes into the center's truststore (restart the nodes to use it).")
    private Path certificate;

    @Option(names = "--timeout-ms", paramLabel = "N",
            description = "How long the center waits for a real-time insurer (default:"
                    + " center.insurer.default-timeout-ms).")
    private Long timeoutMillis;

    /** What was given; the fields not given are null (left as they are by a change). */
    InsurerDetails details() {
        if (certificate != null && !Files.isReadable(certificate)) {
            throw new ParameterException(command.commandLine(), "cannot read the certificate file " + certificate);
        }
        if (timeoutMillis != null && timeoutMillis <= 0) {
            throw new ParameterException(command.commandLine(), "--timeout-ms must be more than 0, not "
                    + timeoutMillis);
        }
        return new InsurerDetails(delivery, endpoint, certificate,
                timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis));
    }
}
