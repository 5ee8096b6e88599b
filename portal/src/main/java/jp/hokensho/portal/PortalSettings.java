package jp.hokensho.portal;

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
 * The portal's configuration: {@code portal-defaults.properties}, then the {@code --config} file, then explicit
 * overrides, then the environment ({@code PORTAL_HTTP_PORT} for {@code portal.http.port}).
 */
public final class PortalSettings {
    private final Properties properties;
    private final Map<String, String> environment;

    private PortalSettings(Properties properties, Map<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /** @param file the {@code --config} file, or null for the defaults alone */
    public static PortalSettings load(Path file, Map<String, String> overrides) {
        return load(file, overrides, System.getenv());
    }

    static PortalSettings load(Path file, Map<String, String> overrides, Map<String, String> environment) {
        Properties properties = new Properties();
        try (InputStream defaults = PortalSettings.class.getResourceAsStream("/portal-defaults.properties")) {
            properties.load(new java.io.InputStreamReader(defaults, StandardCharsets.UTF_8));
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("portal-defaults.properties is missing from the classpath", e);
        }
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the portal configuration " + file + ": " + e.getMessage(),
                        e);
            }
        }
        properties.putAll(overrides);
        return new PortalSettings(properties, environment);
    }

    /** The value of {@code key}; a missing key is a configuration error naming the key and its variable. */
    public String get(String key) {
        String value = getOrNull(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("portal setting " + key + " (or environment " + environmentName(key)
                    + ") is not set");
        }
        return value.trim();
    }

    public String getOrNull(String key) {
        String fromEnvironment = environment.get(environmentName(key));
        return fromEnvironment != null ? fromEnvironment : properties.getProperty(key);
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("portal setting " + key + " must be a whole number, not " + get(key), e);
        }
    }

    public Duration getSeconds(String key) {
        return Duration.ofSeconds(getInt(key));
    }

    public Path getPath(String key) {
        return Path.of(get(key));
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
