package io.xmppgateway.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

import org.junit.jupiter.api.Test;

/**
 * Duplicate detection remembers the last stanzas in arrival order, whoever sent them: a fixed number of entries of a
 * fixed size, however many senders and however long their ids.
 */
class RecentIdsTest {

    private static final int CAPACITY = 4096;

    @Test
    void afterTenThousandSendersTheLastCapacityIdsAreRecognisedAndNothingMoreIsKept() {
        RecentIds recent = new RecentIds(CAPACITY);
        for (int i = 0; i < 10_000; i++) {
            assertTrue(recent.firstTime("sender" + i + "@example.org/phone", "id-" + i));
        }
        assertEquals(CAPACITY, recent.size());
        for (int i = 10_000 - CAPACITY; i < 10_000; i++) {
            assertFalse(recent.firstTime("sender" + i + "@example.org/phone", "id-" + i), "copy " + i);
        }
        assertTrue(recent.firstTime("sender0@example.org/phone", "id-0"), "the oldest are forgotten");
        assertTrue(recent.firstTime("sender1@example.org/phone", "id-" + (10_000 - 1)), "same id, another sender");
        assertTrue(recent.firstTime("sender1@example.org/phone", null), "no id: never a duplicate");
        assertEquals(CAPACITY, recent.size());
    }

    @Test
    void longIdsDoNotMakeTheRememberedIdsLarger() {
        // A sender chooses its ids: up to the inbound stanza limit each. 4,096 ids of 20,000 characters are 80 MB
        // if kept as they came.
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        RecentIds recent = new RecentIds(CAPACITY);
        String padding = "x".repeat(20_000);
        for (int i = 0; i < CAPACITY; i++) {
            recent.firstTime("sender" + i + "@example.org/phone", padding + i);
        }
        long held = usedAfterGc(memory) - before;
        assertFalse(recent.firstTime("sender7@example.org/phone", padding + 7), "still recognised");
        assertTrue(held < 4 * 1024 * 1024, "held " + held / 1024 + " KiB for " + CAPACITY + " ids");
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
