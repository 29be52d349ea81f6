package org.dnaslab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.dnaslab.store.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a step's time goes, read from libtorch's own op profiler (the one {@code torch.profiler} wraps, so the
 * reference's profile and ours name the same {@code aten::} ops, backward ones included): each op's self time
 * (its duration minus the ops it called), grouped into the categories of {@code bench/README.md}, and the time
 * outside every op, which on this side is the Java code, DJL's NDArray bookkeeping and JNI.
 *
 * @param wallMicros   wall time of the profiled steps
 * @param selfMicros   self time per op name
 * @param topLevelMicros time inside ops that no other op called (the part of the wall time spent in libtorch)
 */
public record OpProfile(double wallMicros, Map<String, Double> selfMicros, double topLevelMicros) {
    /**
     * Categories matched on the op name, in this order; the rest is "other" (pools, ReLU, loss, optimizer updates,
     * autograd's own nodes). The same list as {@code bench/reference.py}'s {@code PROFILE_CATEGORIES}.
     */
    static final List<Map.Entry<String, List<String>>> CATEGORIES = List.of(
            Map.entry("convolution", List.of("conv")),
            Map.entry("batch norm", List.of("batch_norm")),
            Map.entry("memory moves", List.of("copy_", "cat", "clone", "contiguous", "_to_copy", "zero_", "fill_",
                    "zeros", "empty", "constant_pad_nd", "stack", "slice_backward")),
            Map.entry("mixing", List.of("aten::mul", "aten::add", "aten::sum", "softmax", "aten::div")));
    static final String OTHER = "other";
    static final String OUTSIDE = "outside ops";

    /** The category of an op name. */
    static String category(String op) {
        for (Map.Entry<String, List<String>> c : CATEGORIES) {
            for (String key : c.getValue()) {
                if (op.contains(key)) {
                    return c.getKey();
                }
            }
        }
        return OTHER;
    }

    /**
     * Reads a Chrome trace as libtorch writes it ({@code "ph": "X"} events with {@code ts}, {@code dur} in µs and
     * {@code tid}). Events of one thread nest by time; an op's self time is its duration minus its children's.
     */
    public static OpProfile read(Path trace, double wallMillis) {
        JsonNode events;
        try {
            events = Json.treeLenient(Files.readString(trace), "the op profile " + trace);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the op profile " + trace, e);
        }
        if (!events.isArray()) {
            throw new IllegalArgumentException("the op profile " + trace + " is not a JSON array of trace events");
        }
        record Event(String name, double start, double end) {
        }
        Map<String, List<Event>> byThread = new LinkedHashMap<>();
        for (JsonNode e : events) {
            if (!"X".equals(e.path("ph").asText()) || !e.has("dur") || !e.has("ts")) {
                continue;
            }
            double ts = e.get("ts").asDouble();
            String tid = e.path("tid").asText();
            byThread.computeIfAbsent(tid, k -> new ArrayList<>())
                    .add(new Event(e.path("name").asText("?"), ts, ts + e.get("dur").asDouble()));
        }
        Map<String, Double> self = new TreeMap<>();
        double topLevel = 0;
        for (List<Event> list : byThread.values()) {
            // parents first: earlier start, and at the same start the longer event
            list.sort(Comparator.comparingDouble(Event::start).thenComparing(Event::end, Comparator.reverseOrder()));
            Deque<Event> open = new ArrayDeque<>();
            for (Event e : list) {
                while (!open.isEmpty() && open.peek().end() <= e.start()) {
                    open.pop();
                }
                double d = e.end() - e.start();
                self.merge(e.name(), d, Double::sum);
                if (open.isEmpty()) {
                    topLevel += d;
                } else {
                    self.merge(open.peek().name(), -Math.min(d, open.peek().end() - e.start()), Double::sum);
                }
                open.push(e);
            }
        }
        return new OpProfile(wallMillis * 1000, self, topLevel);
    }

    /** Share of the wall time per category, then {@value #OUTSIDE} (wall time not inside any op). */
    public Map<String, Double> shares() {
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> c : CATEGORIES) {
            shares.put(c.getKey(), 0.0);
        }
        shares.put(OTHER, 0.0);
        selfMicros.forEach((op, us) -> shares.merge(category(op), us / wallMicros, Double::sum));
        shares.put(OUTSIDE, Math.max(0, wallMicros - topLevelMicros) / wallMicros);
        return shares;
    }

    /** One line: {@code convolution 31 %, batch norm 12 %, …, outside ops 4 %}. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        shares().forEach((c, s) -> parts.add(String.format(Locale.ROOT, "%s %.0f %%", c, 100 * s)));
        return String.join(", ", parts);
    }

    /** The ops with the most self time, one per line. */
    public String table(int rows) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-52s %12s %7s  %s%n", "op", "self ms",
                "% wall", "category"));
        selfMicros.entrySet().stream().sorted(Map.Entry.comparingByValue(Comparator.reverseOrder())).limit(rows)
                .forEach(e -> b.append(String.format(Locale.ROOT, "%-52s %12.2f %6.1f%%  %s%n", e.getKey(),
                        e.getValue() / 1000, 100 * e.getValue() / wallMicros, category(e.getKey()))));
        return b.toString();
    }
}
