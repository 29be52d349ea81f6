package org.dnaslab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/** Outside a kernel: every display is its plain text on standard output. */
final class ConsoleTarget implements DisplayTarget {

    @Override
    public DisplayData render(Object value, String... mimeTypes) {
        return new DisplayData(String.valueOf(value));
    }

    @Override
    public void show(DisplayData data) {
        Object text = data.getData(MIMEType.TEXT_PLAIN);
        if (text != null) {
            System.out.println(text);
        }
    }

    @Override
    public void update(String id, DisplayData data) {
        show(data);
    }

    @Override
    public void clear(boolean wait) {
    }
}
