package org.dnaslab.kernel.display;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.dnaslab.report.CellDiagram;
import org.dnaslab.report.Finding;
import org.dnaslab.space.Architecture;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.table.Relation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** How library and chart/table types show in a notebook. Registered on the kernel's renderer at startup. */
public final class Renderers {
    /** Rows a table's plain-text form shows. */
    static final int TEXT_ROWS = 20;

    private Renderers() {
    }

    public static void registerAll(Renderer renderer) {
        charts(renderer);
        tables(renderer);
        architectures(renderer);
        findings(renderer);
    }

    /** XChart: PNG by default, SVG when asked (display(chart, "svg")). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void charts(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG)
                .register((chart, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_PNG, () -> png(chart));
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> svg(chart));
                    ctx.getOutputContainer().putText(describe(chart));
                });
    }

    static String png(Chart<?, ?> chart) {
        try {
            return Base64.getEncoder().encodeToString(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart as PNG", e);
        }
    }

    static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw the chart as SVG", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String describe(Chart<?, ?> chart) {
        String title = chart.getTitle();
        return chart.getClass().getSimpleName() + (title == null || title.isBlank() ? "" : " \"" + title + "\"")
                + " " + chart.getWidth() + "x" + chart.getHeight();
    }

    /** Tablesaw tables and views: HTML, truncated, with the printed table as text. */
    static void tables(Renderer renderer) {
        renderer.createRegistration(Relation.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((table, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> TableHtml.html(table));
                    ctx.getOutputContainer().putText(table.print(TEXT_ROWS));
                });
    }

    /** An architecture as its drawn cells, with its text form. */
    static void architectures(Renderer renderer) {
        renderer.createRegistration(Architecture.class)
                .preferring(MIMEType.IMAGE_SVG)
                .register((arch, ctx) -> {
                    ctx.renderIfRequested(MIMEType.IMAGE_SVG, () -> CellDiagram.of(arch).svg());
                    ctx.getOutputContainer().putText(arch.toString());
                });
    }

    /** A finding as its small table (claim, source, paper, measured, verdict), with its verdict line as text. */
    static void findings(Renderer renderer) {
        renderer.createRegistration(Finding.class)
                .preferring(MIMEType.TEXT_HTML)
                .register((finding, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, finding::toHtml);
                    ctx.getOutputContainer().putText(finding.verdictLine());
                });
    }
}
