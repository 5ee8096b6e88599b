package jp.hokensho.center.report;

import java.time.LocalDate;

/** A named span of Japanese calendar days, both ends included (a day, a month, or a session such as 第1回). */
public record UsagePeriod(String name, LocalDate from, LocalDate to) {
    public UsagePeriod {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a period needs a name");
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("period " + name + " ends (" + to + ") before it starts (" + from + ")");
        }
    }

    boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}
