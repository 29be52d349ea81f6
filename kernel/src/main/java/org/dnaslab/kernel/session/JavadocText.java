package org.dnaslab.kernel.session;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Javadoc source as plain text for a notebook tooltip: inline tags reduced to their text, HTML paragraphs to lines. */
final class JavadocText {
    private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|literal|link|linkplain|value)\\s*([^{}]*)}");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");

    private JavadocText() {
    }

    static String plain(String javadoc) {
        String text = javadoc.replaceAll("(?i)<p>", "\n");
        Matcher m = INLINE_TAG.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            // {@link Type#member label} shows the label, else the reference with '#' read as '.'
            String body = m.group(1).strip();
            int space = body.indexOf(' ');
            String shown = space > 0 && m.group().startsWith("{@link") ? body.substring(space + 1) : body;
            m.appendReplacement(sb, Matcher.quoteReplacement(shown.startsWith("#") ? shown.substring(1) : shown.replace('#', '.')));
        }
        m.appendTail(sb);
        text = HTML_TAG.matcher(sb.toString()).replaceAll("");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return text.lines().map(String::strip).reduce((a, b) -> a + "\n" + b).orElse("").replaceAll("\n{3,}", "\n\n").strip();
    }
}
