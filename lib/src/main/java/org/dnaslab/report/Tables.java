package org.dnaslab.report;

import org.dnaslab.search.EpochMetrics;
import org.dnaslab.search.RunRecord;
import org.dnaslab.search.SearchConfig;
import org.dnaslab.space.CellType;
import org.dnaslab.space.SearchSpace;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Search histories and run records as Tablesaw tables (shown as HTML in a notebook, printable anywhere). */
public final class Tables {
    private Tables() {
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
