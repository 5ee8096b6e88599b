package jp.hokensho.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The logging configuration the center's jar runs with is read by logback without a single error: a broken one
 * (an XML comment holding "--", say) silently falls back to logging everything at DEBUG.
 */
class LoggingConfigurationTest {
    @Test
    void productionLogbackConfigurationParsesWithoutErrors() throws Exception {
        URL configuration = getClass().getResource("/logback.xml");
        assertNotNull(configuration, "logback.xml on the classpath");
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configuration);
        } catch (Exception ignored) {
            // reported through the status manager below, with the line it concerns
        }
        List<String> errors = context.getStatusManager().getCopyOfStatusList().stream()
                .filter(status -> status.getLevel() == Status.ERROR).map(Status::getMessage).toList();
        context.stop();
        assertEquals(List.of(), errors);
    }
}
