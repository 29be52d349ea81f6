package org.dnaslab.kernel;

import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.kernel.history.HistoryManager.ResultFlag;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SessionHistoryTest {
    private final SessionHistory history = new SessionHistory();

    {
        history.record(1, "int a = 6 * 7;", "");
        history.record(2, "a + 1", "43");
        history.record(3, "int a = 6 * 7;", "");
    }

    private static List<String> inputs(List<HistoryEntry> entries) {
        return entries.stream().map(HistoryEntry::getInput).toList();
    }

    @Test
    void tailGivesTheLastCellsInOrderWithOutputOnRequest() {
        List<HistoryEntry> tail = history.lookupTail(2, EnumSet.of(ResultFlag.INCLUDE_OUTPUT));
        assertEquals(List.of("a + 1", "int a = 6 * 7;"), inputs(tail));
        assertEquals("43", tail.get(0).getOutput());
        assertNull(history.lookupTail(1, Set.of()).get(0).getOutput());
    }

    @Test
    void rangeIsStartInclusiveStopExclusiveInTheCurrentSession() {
        assertEquals(List.of("a + 1"), inputs(history.lookupRange(SessionHistory.SESSION, 2, 3, Set.of())));
        assertEquals(3, history.lookupRange(0, 1, 0, Set.of()).size());
        assertEquals(0, history.lookupRange(7, 1, 4, Set.of()).size());
    }

    @Test
    void searchUsesSqliteGlobsAndCanKeepUniqueInputs() {
        assertEquals(2, history.search("*6 ? 7*", 10, Set.of()).size());
        assertEquals(1, history.search("*6 ? 7*", 10, EnumSet.of(ResultFlag.UNIQUE)).size());
        assertEquals(List.of("a + 1"), inputs(history.search("[a-b] +*", 10, Set.of())));
        assertEquals(0, history.search("[^a]*1", 10, Set.of()).size());
    }
}
