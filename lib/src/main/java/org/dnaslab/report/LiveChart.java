package org.dnaslab.report;

import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.SearchListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A search listener that redraws a chart of the epochs so far after every epoch and hands it to {@code show}: in a
 * notebook, {@code updateDisplay} on one output, so the chart grows in place under the progress bar.
 *
 * <pre>{@code
 * String live = display("curves appear after the first epoch");
 * var search = DartsSearch.builder(config).addListener(LiveChart.curves(chart -> updateDisplay(live, chart))).build();
 * }</pre>
 */
public final class LiveChart implements SearchListener {
    private final List<EpochMetrics> epochs = new ArrayList<>();
    private final Function<List<EpochMetrics>, ?> draw;
    private final Consumer<Object> show;

    private LiveChart(Function<List<EpochMetrics>, ?> draw, Consumer<Object> show) {
        this.draw = Objects.requireNonNull(draw, "live chart: draw");
        this.show = Objects.requireNonNull(show, "live chart: show");
    }

    /** The training and validation curves ({@link Charts#curves}) after every epoch. */
    public static LiveChart curves(Consumer<Object> show) {
        return new LiveChart(Charts::curves, show);
    }

    /** Any chart of the epochs so far, e.g. {@code LiveChart.of(Charts::entropy, show)}. */
    public static LiveChart of(Function<List<EpochMetrics>, ?> draw, Consumer<Object> show) {
        return new LiveChart(draw, show);
    }

    @Override
    public void onEpoch(EpochMetrics epoch) {
        epochs.add(epoch);
        show.accept(draw.apply(List.copyOf(epochs)));
    }

    /** The epochs seen so far (a resumed search reports only the epochs it still runs). */
    public List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }
}
