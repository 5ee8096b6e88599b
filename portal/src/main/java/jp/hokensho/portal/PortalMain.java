package jp.hokensho.portal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar portal.jar --config portal.properties}: runs the clinic portal until the process is stopped. */
public final class PortalMain {
    private static final Logger LOG = LoggerFactory.getLogger(PortalMain.class);

    private PortalMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if ("--config".equals(args[i]) && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else {
                LOG.error("unknown argument {}; usage: portal --config portal.properties", args[i]);
                System.exit(2);
            }
        }
        PortalServer portal;
        try {
            portal = PortalServer.start(PortalSettings.load(config, Map.of()), Clock.systemUTC());
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.error("the portal cannot start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(portal::close, "portal-shutdown"));
        new CountDownLatch(1).await();
    }
}
