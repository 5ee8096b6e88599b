package jp.hokensho.insurer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code --name value} options of one command; unknown, repeated or valueless options are usage errors.
 */
final class CommandOptions {
    private final String command;
    private final Map<String, String> values;

    private CommandOptions(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    /** Options after {@code args[0]} (the command); every name in {@code required} must be given. */
    static CommandOptions parse(String[] args, Set<String> allowed, Set<String> required) {
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (name == null || !allowed.contains(name)) {
                throw new IllegalArgumentException(args[0] + ": unknown option '" + args[i] + "'");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[0] + ": --" + name + " needs a value");
            }
            if (values.put(name, args[i + 1]) != null) {
                throw new IllegalArgumentException(args[0] + ": --" + name + " given twice");
            }
        }
        for (String name : required) {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException(args[0] + ": --" + name + " is required");
            }
        }
        return new CommandOptions(args[0], values);
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    String required(String name) {
        return get(name).orElseThrow(() -> new IllegalArgumentException(command + ": --" + name + " is required"));
    }

    Path config() {
        return Path.of(required("config"));
    }
}
