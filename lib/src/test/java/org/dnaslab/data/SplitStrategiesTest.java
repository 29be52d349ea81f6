package org.dnaslab.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplitStrategiesTest {
    private static final SplitStrategy[] ALL = {
        SplitStrategies.fixedHalves(), SplitStrategies.redrawnHalves(), SplitStrategies.fixedFraction(0.8)};

    private static void assertPartition(DataSplit s, int n) {
        IntStream parts = IntStream.concat(Arrays.stream(s.train()), Arrays.stream(s.val()));
        if (s.heldOut() != s.val()) {
            parts = IntStream.concat(parts, Arrays.stream(s.heldOut()));
        }
        assertArrayEquals(IntStream.range(0, n).toArray(), parts.sorted().toArray(), "disjoint and covering");
    }

    @Test
    void everyStrategySplitsIntoDisjointPartsThatCoverTheData() {
        for (SplitStrategy st : ALL) {
            for (int n : new int[] {3, 7, 1000}) {
                for (int epoch = 0; epoch < 3; epoch++) {
                    assertPartition(st.split(n, epoch, 42), n);
                }
            }
        }
    }

    @Test
    void halvesAreHalvesAndFractionsFloorTheTrainShare() {
        assertEquals(500, SplitStrategies.fixedHalves().split(1000, 0, 1).train().length);
        DataSplit redrawn = SplitStrategies.redrawnHalves().split(1000, 0, 1);
        assertEquals(200, redrawn.heldOut().length, "a fifth set aside");
        assertEquals(400, redrawn.train().length, "half of the rest");
        assertEquals(400, redrawn.val().length);
        assertEquals(1, SplitStrategies.redrawnHalves().split(7, 0, 1).heldOut().length);
        assertEquals(3, SplitStrategies.redrawnHalves().split(7, 0, 1).train().length);
        assertEquals(800, SplitStrategies.fixedFraction(0.8).split(1000, 0, 1).train().length);
        assertEquals(1, SplitStrategies.fixedFraction(0.01).split(10, 0, 1).train().length);
    }

    @Test
    void sameSeedSameSplitDifferentSeedDifferentSplit() {
        for (SplitStrategy st : ALL) {
            assertEquals(st.split(500, 2, 7), st.split(500, 2, 7), st.name());
            assertNotEquals(st.split(500, 2, 7), st.split(500, 2, 8), st.name());
        }
    }

    @Test
    void fixedSplitsStayAcrossEpochsRedrawnOnesChange() {
        assertEquals(SplitStrategies.fixedHalves().split(500, 0, 3), SplitStrategies.fixedHalves().split(500, 9, 3));
        assertEquals(SplitStrategies.fixedFraction(0.3).split(500, 0, 3),
                SplitStrategies.fixedFraction(0.3).split(500, 1, 3));
        SplitStrategy r = SplitStrategies.redrawnHalves();
        for (int e = 1; e < 5; e++) {
            DataSplit a = r.split(500, e - 1, 3);
            DataSplit b = r.split(500, e, 3);
            assertNotEquals(a, b);
            // Redrawn halves overlap about half-way, not in a shifted pattern.
            long shared = Arrays.stream(b.train()).filter(i -> Arrays.stream(a.train()).anyMatch(j -> j == i)).count();
            assertTrue(shared > 60 && shared < 140, "overlap " + shared + " of 200");
        }
    }

    @Test
    void aRedrawnSplitsMeasurementImagesAreNeverInAnyEpochsWeightHalf() {
        SplitStrategy r = SplitStrategies.redrawnHalves();
        int[] heldOut = r.split(500, 0, 3).heldOut();
        boolean[] trained = new boolean[500];
        for (int e = 0; e < 30; e++) {
            DataSplit s = r.split(500, e, 3);
            assertArrayEquals(heldOut, s.heldOut(), "the held-out images are the same in every epoch");
            Arrays.stream(s.train()).forEach(i -> trained[i] = true);
        }
        for (int i : heldOut) {
            assertTrue(!trained[i], "image " + i + " is measured on but a weight step saw it");
        }
        for (SplitStrategy fixed : new SplitStrategy[] {SplitStrategies.fixedHalves(), SplitStrategies.fixedFraction(0.8)}) {
            DataSplit s = fixed.split(500, 4, 3);
            assertArrayEquals(s.val(), s.heldOut(), fixed.name() + " measures on its architecture part");
        }
    }

    @Test
    void namesRoundTripThroughByName() {
        for (SplitStrategy st : ALL) {
            assertEquals(st.name(), SplitStrategies.byName(st.name()).name());
            assertEquals(st.split(50, 3, 1), SplitStrategies.byName(st.name()).split(50, 3, 1));
        }
        assertEquals("fixed-halves", SplitStrategies.fixedHalves().name());
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SplitStrategies.fixedFraction(1.0))
                .getMessage().contains("strictly between 0 and 1, got 1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SplitStrategies.fixedHalves().split(1, 0, 0))
                .getMessage().contains("cannot split 1 samples"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SplitStrategies.byName("thirds"))
                .getMessage().contains("unknown split 'thirds'"));
    }
}
