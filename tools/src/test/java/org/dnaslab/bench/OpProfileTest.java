package org.dnaslab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Self times and category shares read from Chrome traces: made-up ones, and one libtorch writes for real ops. */
class OpProfileTest {
    @TempDir
    Path dir;

    private Path trace(String events) throws Exception {
        Path p = dir.resolve("trace.json");
        Files.writeString(p, "[\n" + events + "\n]");
        return p;
    }

    private static String event(String name, double ts, double dur, int tid) {
        return "{\"name\": \"" + name + "\", \"ph\": \"X\", \"ts\": " + ts + ", \"dur\": " + dur + ", \"tid\": " + tid
                + ", \"pid\": \"CPU Functions\"}";
    }

    @Test
    void aParentsSelfTimeExcludesItsChildrenAndWallTimeOutsideOpsIsOverhead() throws Exception {
        // conv2d (0..100) calls mkldnn_convolution (10..90), which calls empty (20..25); then a batch norm (150..200);
        // on another thread an add (0..30). Wall time of the step: 250 µs.
        Path t = trace(String.join(",\n",
                event("aten::empty", 20, 5, 1),
                event("aten::conv2d", 0, 100, 1),
                event("aten::mkldnn_convolution", 10, 80, 1),
                event("aten::native_batch_norm", 150, 50, 1),
                event("aten::add_", 0, 30, 2)));
        OpProfile p = OpProfile.read(t, 0.25);
        assertEquals(20, p.selfMicros().get("aten::conv2d"), 1e-9);
        assertEquals(75, p.selfMicros().get("aten::mkldnn_convolution"), 1e-9);
        assertEquals(5, p.selfMicros().get("aten::empty"), 1e-9);
        assertEquals(180, p.topLevelMicros(), 1e-9);
        Map<String, Double> s = p.shares();
        assertEquals(95 / 250.0, s.get("convolution"), 1e-9);
        assertEquals(50 / 250.0, s.get("batch norm"), 1e-9);
        assertEquals(5 / 250.0, s.get("memory moves"), 1e-9);
        assertEquals(30 / 250.0, s.get("mixing"), 1e-9);
        assertEquals(70 / 250.0, s.get("outside ops"), 1e-9);
        assertTrue(p.summary().startsWith("convolution 38 %, batch norm 20 %"), p.summary());
    }

    @Test
    void categoriesFollowTheReferencesOrder() {
        assertEquals("convolution", OpProfile.category("aten::convolution_backward"));
        assertEquals("batch norm", OpProfile.category("aten::native_batch_norm_backward"));
        assertEquals("memory moves", OpProfile.category("aten::cat"));
        assertEquals("mixing", OpProfile.category("aten::softmax"));
        assertEquals("other", OpProfile.category("aten::max_pool2d_with_indices"));
    }

    @Test
    void aFileThatIsNotATraceIsRefusedByName() throws Exception {
        Path p = dir.resolve("bad.json");
        Files.writeString(p, "{\"traceEvents\": 3}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpProfile.read(p, 1));
        assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
    }

    @Test
    void libtorchsProfilerRecordsForwardAndBackwardOps() {
        Engine.getInstance();
        StepProfiler profiler = StepProfiler.of(dir.resolve("p"), "tiny", 1);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(32, 32));
            x.setRequiresGradient(true);
            profiler.begin();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(x.matMul(x).sum());
            }
            OpProfile p = profiler.end(1e6);  // a generous wall time: only the ops are checked here
            assertTrue(p.selfMicros().containsKey("aten::mm"), p.selfMicros().keySet().toString());
            assertTrue(p.selfMicros().keySet().stream().anyMatch(k -> k.contains("MmBackward")),
                    p.selfMicros().keySet().toString());
            assertTrue(Files.isRegularFile(dir.resolve("p.tiny.ours.txt")));
        }
    }
}
