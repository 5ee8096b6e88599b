package jp.hokensho.center.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** What the figures depend on: the machine, its JVM, and how busy the machine was (it may be shared). */
final class Machine {
    private Machine() {
    }

    /** The 1-minute load average, NaN where /proc/loadavg does not exist. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The three load averages as /proc/loadavg gives them. */
    static String loadAverages() {
        return read("/proc/loadavg").map(line -> String.join(" ", java.util.Arrays.copyOf(line.split(" "), 3)))
                .orElse(String.valueOf(loadAverage()));
    }

    static String describe() {
        String cpu = read("/proc/cpuinfo").flatMap(text -> text.lines().filter(l -> l.startsWith("model name"))
                .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim())).orElse("unknown CPU");
        String memory = read("/proc/meminfo").flatMap(text -> text.lines().filter(l -> l.startsWith("MemTotal"))
                .findFirst().map(l -> l.replaceAll("\\D+", ""))).map(kb -> Long.parseLong(kb) / 1024 / 1024 + " GiB")
                .orElse("unknown");
        return String.format("%d CPUs (nproc), %s, %s RAM, Java %s (%s), max heap %d MiB",
                Runtime.getRuntime().availableProcessors(), cpu, memory, System.getProperty("java.version"),
                System.getProperty("java.vm.name"), Runtime.getRuntime().maxMemory() / 1024 / 1024);
    }

    private static Optional<String> read(String file) {
        try {
            return Optional.of(Files.readString(Path.of(file)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
