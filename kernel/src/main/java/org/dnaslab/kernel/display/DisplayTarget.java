package org.dnaslab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/** Where {@link Notebook} output goes: the running kernel, or the console outside one. */
public interface DisplayTarget {

    /** The value as a MIME bundle: in the given types (full MIME names), or in its preferred ones if none. */
    DisplayData render(Object value, String... mimeTypes);

    /** Shows a bundle as a new output (display_data). */
    void show(DisplayData data);

    /** Replaces the output shown under {@code id} (update_display_data). */
    void update(String id, DisplayData data);

    /** Clears the cell's output, now or (wait) just before the next output arrives. */
    void clear(boolean wait);
}
