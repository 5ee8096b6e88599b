package jp.hokensho.center.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    @Test
    void noWriterThreadRunsBeforeTheFirstWriteSoAFailedStartLeavesNoneBehind() {
        GroupCommit<Integer, Integer> unused = new GroupCommit<>(group -> group, 8, "group-commit-test-unused");
        assertFalse(writerRunning("group-commit-test-unused"), "made, not yet written to");
        unused.close();
        assertFalse(writerRunning("group-commit-test-unused"));
    }

    @Test
    void theFirstWriteStartsTheWriterAndTheCloseStopsItAfterwards() {
        GroupCommit<Integer, Integer> doubled = new GroupCommit<>(group -> group.stream().map(i -> 2 * i).toList(),
                8, "group-commit-test-used");
        assertEquals(42, doubled.commit(21));
        assertTrue(writerRunning("group-commit-test-used"));
        doubled.close();
        assertFalse(writerRunning("group-commit-test-used"));
        assertThrows(IllegalStateException.class, () -> doubled.commit(1), "closed: nothing more is written");
        assertEquals(1, doubled.transactions());
    }

    private static boolean writerRunning(String name) {
        return List.copyOf(Thread.getAllStackTraces().keySet()).stream()
                .anyMatch(thread -> thread.getName().equals(name) && thread.isAlive());
    }
}
