package org.dnaslab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dnaslab.progress.Progress;
import org.dnaslab.progress.ProgressReporter;
import org.dnaslab.progress.ProgressReporters;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Draws each {@link Progress} as a live HTML bar in the cell that started it, updated in place: task, percent,
 * step/total, phase, metrics, elapsed time and ETA. Updates are throttled, so a loop may report every step.
 */
public final class NotebookProgress implements ProgressReporter {
    private final long minIntervalNanos;

    public NotebookProgress(long minIntervalMillis) {
        this.minIntervalNanos = minIntervalMillis * 1_000_000L;
    }

    @Override
    public Progress start(String task, long totalSteps) {
        return new Bar(task, totalSteps);
    }

    private final class Bar implements Progress {
        private final String task;
        private final long total;
        private final long started = System.nanoTime();
        private final String id = UUID.randomUUID().toString();
        private long lastShown;
        private long step;
        private String phase = "";
        private Map<String, Double> metrics = Map.of();
        private boolean finished;

        Bar(String task, long total) {
            this.task = task;
            this.total = total;
            DisplayData data = data("");
            data.setDisplayId(id);
            Notebook.target().show(data);
            lastShown = System.nanoTime();
        }

        @Override
        public synchronized void update(long step, String phase, Map<String, Double> metrics) {
            if (finished) {
                return;
            }
            this.step = step;
            this.phase = phase == null ? "" : phase;
            // A copy in the caller's order: the caller may reuse its map.
            this.metrics = metrics == null ? Map.of() : new LinkedHashMap<>(metrics);
            long now = System.nanoTime();
            if (now - lastShown >= minIntervalNanos || (total > 0 && step >= total)) {
                lastShown = now;
                push("");
            }
        }

        @Override
        public synchronized void finish(String message) {
            if (finished) {
                return;
            }
            finished = true;
            push(message == null ? "" : message);
        }

        private void push(String message) {
            DisplayData data = data(message);
            data.setDisplayId(id);
            Notebook.target().update(id, data);
        }

        private DisplayData data(String message) {
            DisplayData data = new DisplayData(ProgressReporters.line(task, step, total, phase, metrics, started)
                    + (message.isEmpty() ? "" : "  " + message));
            data.putHTML(html(message));
            return data;
        }

        private String html(String message) {
            double elapsed = (System.nanoTime() - started) / 1e9;
            double fraction = total > 0 ? Math.min(1.0, Math.max(0.0, (double) step / total)) : 0;
            boolean done = finished && (total <= 0 || step >= total) && message.isEmpty();
            String colour = !finished ? "#4c8bf5" : done ? "#3aa757" : "#e8a317";
            StringBuilder counts = new StringBuilder();
            if (total > 0) {
                counts.append(Math.round(100 * fraction)).append("% ").append(step).append('/').append(total);
            } else {
                counts.append(step).append(" steps");
            }
            counts.append(" · ").append(ProgressReporters.seconds(elapsed)).append(" elapsed");
            if (!finished && total > 0 && step > 0 && step < total) {
                counts.append(" · ETA ").append(ProgressReporters.seconds(elapsed * (total - step) / step));
            }
            String metricText = metrics.entrySet().stream()
                    .map(e -> TableHtml.escape(e.getKey()) + "=" + String.format(Locale.ROOT, "%.4g", e.getValue()))
                    .collect(Collectors.joining(" "));
            return "<div class=\"dnaslab-progress\" style=\"font-family:monospace;font-size:12px;margin:2px 0\">"
                    + "<div><b>" + TableHtml.escape(task) + "</b>"
                    + (phase.isEmpty() ? "" : " · " + TableHtml.escape(phase))
                    + (message.isEmpty() ? "" : " · " + TableHtml.escape(message)) + "</div>"
                    + "<div style=\"display:flex;align-items:center;gap:8px\">"
                    + "<div style=\"flex:0 0 320px;height:12px;background:#e6e6e6;border-radius:3px;overflow:hidden\">"
                    + String.format(Locale.ROOT, "<div style=\"width:%.1f%%;height:100%%;background:%s\"></div>",
                    100 * (total > 0 ? fraction : (finished ? 1 : 0)), colour)
                    + "</div><span>" + counts + "</span></div>"
                    + (metricText.isEmpty() ? "" : "<div>" + metricText + "</div>")
                    + "</div>";
        }
    }
}
