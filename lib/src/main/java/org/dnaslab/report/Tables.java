package org.dnaslab.report;

import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.RunRecord;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;
import tech.tablesaw.columns.strings.StringColumnFormatter;

import java.lang.reflect.RecordComponent;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search histories and run records as Tablesaw tables (shown as HTML in a notebook, printable anywhere), and
 * {@link #readable(Table)}, which makes any table print as a reader wants it.
 */
public final class Tables {
    /** What a missing value (NaN, an empty string) shows as. */
    public static final String MISSING = "—";
    /** Characters after which a long architecture string may break (a zero-width space follows them). */
    static final int WRAP_AFTER = 48;

    private Tables() {
    }

    /**
     * The same table, printed for a reader: decimals rounded (3 decimals below 10, 1 from 10 on, as a column's
     * largest value decides; whole numbers stay whole), missing values as {@value #MISSING}, and long strings (an
     * architecture) given break points after each {@code +} or {@code |} past {@value #WRAP_AFTER} characters so a
     * wide row wraps instead of running off the page. Only printing changes: the values and column types stay, so
     * {@code numberColumn(...)} still gives the full numbers.
     */
    public static Table readable(Table table) {
        Table copy = table.copy();
        for (Column<?> c : copy.columns()) {
            if (c instanceof NumericColumn<?> n) {
                n.setPrintFormatter(numberFormatter(n));
            } else if (c instanceof StringColumn sc) {
                sc.setPrintFormatter(new StringColumnFormatter(Tables::wrappable, MISSING));
            }
        }
        return copy;
    }

    private static NumberColumnFormatter numberFormatter(NumericColumn<?> n) {
        double largest = 0;
        boolean whole = true;
        for (int i = 0; i < n.size(); i++) {
            if (n.isMissing(i)) {
                continue;
            }
            double v = n.getDouble(i);
            if (Double.isFinite(v)) {
                largest = Math.max(largest, Math.abs(v));
                whole &= v == Math.rint(v);
            }
        }
        String pattern = whole ? "0" : largest >= 10 ? "0.0" : "0.000";
        return new NumberColumnFormatter(new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT)),
                MISSING);
    }

    /** A string with a zero-width space after {@code +} and {@code |} past the first {@value #WRAP_AFTER} chars. */
    static String wrappable(String s) {
        if (s == null || s.isEmpty()) {
            return MISSING;
        }
        if (s.length() <= WRAP_AFTER) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        int run = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            b.append(ch);
            run = Character.isWhitespace(ch) ? 0 : run + 1;
            if ((ch == '+' || ch == '|' || ch == ',') && run >= WRAP_AFTER / 2 && i < s.length() - 1) {
                b.append('\u200B');
                run = 0;
            }
        }
        return b.toString();
    }

    /**
     * One row per epoch (1-based): trainLoss, trainAcc, valLoss, valAcc, lr, seconds, meanEntropy (normal cell),
     * paramFreeShare (of the magnitude-selected cell), paramFreeMass (softmax(α) on parameter-free ops), architecture.
     */
    public static Table history(List<EpochMetrics> history) {
        IntColumn epoch = IntColumn.create("epoch");
        DoubleColumn trainLoss = DoubleColumn.create("trainLoss");
        DoubleColumn trainAcc = DoubleColumn.create("trainAcc");
        DoubleColumn valLoss = DoubleColumn.create("valLoss");
        DoubleColumn valAcc = DoubleColumn.create("valAcc");
        DoubleColumn lr = DoubleColumn.create("lr");
        DoubleColumn seconds = DoubleColumn.create("seconds");
        DoubleColumn entropy = DoubleColumn.create("meanEntropy");
        DoubleColumn share = DoubleColumn.create("paramFreeShare");
        DoubleColumn mass = DoubleColumn.create("paramFreeMass");
        StringColumn arch = StringColumn.create("architecture");
        double[] shares = history.isEmpty() ? new double[0] : Charts.parameterFreeShares(history);
        double[] masses = history.isEmpty() ? new double[0] : Charts.parameterFreeMass(history);
        for (int i = 0; i < history.size(); i++) {
            EpochMetrics m = history.get(i);
            epoch.append(m.epoch() + 1);
            trainLoss.append(m.trainLoss());
            trainAcc.append(m.trainAcc());
            valLoss.append(m.valLoss());
            valAcc.append(m.valAcc());
            lr.append(m.lr());
            seconds.append(m.seconds());
            entropy.append(m.meanEntropy(CellType.NORMAL));
            share.append(shares[i]);
            mass.append(masses[i]);
            arch.append(m.architecture().toText());
        }
        return Table.create("search history", epoch, trainLoss, trainAcc, valLoss, valAcc, lr, seconds, entropy, share,
                mass, arch);
    }

    /** A run record's epochs, named after its run. */
    public static Table history(RunRecord record) {
        return history(record.epochs()).setName(record.kind() + " (" + record.status() + ", " + record.epochsDone()
                + "/" + record.config().epochs() + " epochs, version " + record.version() + ")");
    }

    /**
     * softmax(α) of one epoch as a long table: cell, edge, op, softmax, one row per edge and op of each cell type of
     * the epoch's space.
     */
    public static Table softmax(EpochMetrics epoch) {
        return softmax(epoch, epoch.space());
    }

    /**
     * As {@link #softmax(EpochMetrics)}, naming the space.
     *
     * @throws IllegalArgumentException when the epoch is of another space
     */
    public static Table softmax(EpochMetrics epoch, SearchSpace space) {
        if (!space.name().equals(epoch.space().name())) {
            throw new IllegalArgumentException("epoch " + (epoch.epoch() + 1) + " is of the " + epoch.space().name()
                    + " space, not " + space.name());
        }
        StringColumn cell = StringColumn.create("cell");
        StringColumn edge = StringColumn.create("edge");
        StringColumn op = StringColumn.create("op");
        DoubleColumn p = DoubleColumn.create("softmax");
        for (CellType t : space.cellTypes()) {
            double[][] s = epoch.softmax().get(t.key());
            for (int e = 0; e < space.edges().size(); e++) {
                for (int o = 0; o < space.ops().size(); o++) {
                    cell.append(t.key());
                    edge.append(space.edges().get(e).toString());
                    op.append(space.ops().get(o));
                    p.append(s[e][o]);
                }
            }
        }
        return Table.create("softmax(α) after epoch " + (epoch.epoch() + 1), cell, edge, op, p);
    }

    /** A run's configuration as setting/value rows (supernet fields first), for a notebook's record of what ran. */
    public static Table config(SearchConfig config) {
        StringColumn key = StringColumn.create("setting");
        StringColumn value = StringColumn.create("value");
        List<Object[]> rows = new ArrayList<>();
        for (RecordComponent c : config.supernet().getClass().getRecordComponents()) {
            rows.add(new Object[] {"supernet." + c.getName(), get(c, config.supernet())});
        }
        for (RecordComponent c : SearchConfig.class.getRecordComponents()) {
            if (!c.getName().equals("supernet")) {
                rows.add(new Object[] {c.getName(), get(c, config)});
            }
        }
        for (Object[] r : rows) {
            key.append((String) r[0]);
            value.append(String.valueOf(r[1]));
        }
        return Table.create("search configuration", key, value);
    }

    private static Object get(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName(), e);
        }
    }
}
