package jp.hokensho.center;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The center's configuration: built-in defaults ({@code center-defaults.properties}), then a config file,
 * then environment variables ({@code CENTER_HTTP_PORT} for {@code center.http.port}), then system
 * properties, each overriding the one before.
 */
public final class CenterSettings {
    private final Properties values;
    private final Path configFile;

    private CenterSettings(Properties values, Path configFile) {
        this.values = values;
        this.configFile = configFile;
    }

    public static CenterSettings load(Path configFile, Map<String, String> overrides) {
        Properties values = new Properties();
        try (InputStream defaults = CenterSettings.class.getResourceAsStream("/center-defaults.properties")) {
            values.load(new java.io.InputStreamReader(defaults, StandardCharsets.UTF_8));
            if (configFile != null) {
                try (Reader reader = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                    values.load(reader);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read configuration " + configFile, e);
        }
        for (String name : values.stringPropertyNames()) {
            String fromEnv = System.getenv(name.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"));
            if (fromEnv != null) {
                values.setProperty(name, fromEnv);
            }
        }
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("center."))
                .forEach(name -> values.setProperty(name, System.getProperty(name)));
        overrides.forEach(values::setProperty);
        return new CenterSettings(values, configFile == null ? null : configFile.toAbsolutePath());
    }

    public String get(String name) {
        String value = values.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("configuration '" + name + "' is not set");
        }
        return value.strip();
    }

    public String getOrNull(String name) {
        String value = values.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public int getInt(String name) {
        try {
            return Integer.parseInt(get(name));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("configuration '" + name + "' must be a whole number, not '"
                    + get(name) + "'", e);
        }
    }

    public Duration getSeconds(String name) {
        return Duration.ofSeconds(getInt(name));
    }

    public Path getPath(String name) {
        return Path.of(get(name)).toAbsolutePath();
    }

    /** Every setting's name, set or not. */
    public java.util.SortedSet<String> names() {
        return new java.util.TreeSet<>(values.stringPropertyNames());
    }

    /** The config file these settings were read from (a backup keeps a copy), or null for defaults only. */
    public Path configFile() {
        return configFile;
    }

    public Path dataDir() {
        return getPath("center.data-dir");
    }
}
