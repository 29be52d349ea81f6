package org.dnaslab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The display calls every cell can use (they are statically imported):
 * <pre>
 *   String id = display(chart);          // shows it, returns an id
 *   updateDisplay(id, otherChart);       // replaces that output in place
 *   display(chart, "svg");               // in a chosen format
 *   DisplayData d = render(table, "text/html");
 *   clearOutput();
 *   closeOverwritten();                  // closes searches/supernets whose variables were declared again
 * </pre>
 * Formats are MIME types or the short names png, svg, jpeg, html, markdown, latex, json, text.
 */
public final class Notebook {
    private static final Map<String, String> SHORT_NAMES = Map.of(
            "png", "image/png", "svg", "image/svg+xml", "jpeg", "image/jpeg", "jpg", "image/jpeg",
            "html", "text/html", "markdown", "text/markdown", "md", "text/markdown", "latex", "text/latex",
            "json", "application/json", "text", "text/plain");

    private static volatile DisplayTarget target = new ConsoleTarget();

    private Notebook() {
    }

    /** Routes output to a kernel; the kernel calls this at startup. */
    public static void attach(DisplayTarget displayTarget) {
        target = Objects.requireNonNull(displayTarget);
    }

    public static DisplayTarget target() {
        return target;
    }

    /** Shows {@code value} as a new output and returns its id for {@link #updateDisplay}. */
    public static String display(Object value, String... formats) {
        String id = UUID.randomUUID().toString();
        DisplayData data = render(value, formats);
        data.setDisplayId(id);
        target.show(data);
        return id;
    }

    /** Replaces the output shown under {@code id} with {@code value}. */
    public static void updateDisplay(String id, Object value, String... formats) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("updateDisplay needs the id that display(...) returned");
        }
        DisplayData data = render(value, formats);
        data.setDisplayId(id);
        target.update(id, data);
    }

    /** The MIME bundle {@code value} would show as, in the given formats or its preferred ones. */
    public static DisplayData render(Object value, String... formats) {
        if (value instanceof DisplayData d && formats.length == 0) {
            return new DisplayData(d);
        }
        String[] mimes = new String[formats.length];
        for (int i = 0; i < formats.length; i++) {
            mimes[i] = mimeType(formats[i]);
        }
        return target.render(value, mimes);
    }

    /**
     * Closes the library objects (searches, supernets, snapshots) that a re-run cell's new declaration overwrote and
     * that no live variable still holds, freeing their native memory; returns how many it closed.
     */
    public static int closeOverwritten() {
        return org.dnaslab.kernel.session.OverwrittenResources.closeAll();
    }

    /** Clears this cell's output at once. */
    public static void clearOutput() {
        target.clear(false);
    }

    /** Clears this cell's output; with {@code wait}, only when the next output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        target.clear(wait);
    }

    static String mimeType(String format) {
        String f = format.strip().toLowerCase(Locale.ROOT);
        if (f.contains("/")) {
            return f;
        }
        String mime = SHORT_NAMES.get(f);
        if (mime == null) {
            throw new IllegalArgumentException("unknown format '" + format + "'; use a MIME type or one of "
                    + new java.util.TreeSet<>(SHORT_NAMES.keySet()));
        }
        return mime;
    }
}
