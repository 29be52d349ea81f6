package org.dnaslab.regularize;

import java.util.LinkedHashMap;
import java.util.Map;

/** A coefficient as a function of the 0-based epoch of a search of {@code epochs} epochs. */
public sealed interface Schedule {
    double at(int epoch, int epochs);

    /** Name and settings, for run records. */
    Map<String, Object> describe();

    /** λ in every epoch. */
    static Schedule constant(double value) {
        return new Constant(value);
    }

    /** From {@code from} at the first epoch to {@code to} at the last, linearly. */
    static Schedule linearRamp(double from, double to) {
        return new LinearRamp(from, to);
    }

    /** {@code before} until epoch {@code at} (0-based), {@code after} from it on. */
    static Schedule step(double before, double after, int at) {
        return new Step(before, after, at);
    }

    /** The same value throughout. */
    record Constant(double value) implements Schedule {
        @Override
        public double at(int epoch, int epochs) {
            return value;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schedule", "constant");
            m.put("value", value);
            return m;
        }
    }

    /** A straight line from the first epoch to the last; a one-epoch search gets {@code to}. */
    record LinearRamp(double from, double to) implements Schedule {
        @Override
        public double at(int epoch, int epochs) {
            if (epochs <= 1) {
                return to;
            }
            double t = Math.min(1.0, Math.max(0.0, (double) epoch / (epochs - 1)));
            return from + t * (to - from);
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schedule", "linear-ramp");
            m.put("from", from);
            m.put("to", to);
            return m;
        }
    }

    /** One jump at a given epoch. */
    record Step(double before, double after, int at) implements Schedule {
        public Step {
            if (at < 0) {
                throw new IllegalArgumentException("step epoch must be >= 0, got " + at);
            }
        }

        @Override
        public double at(int epoch, int epochs) {
            return epoch < at ? before : after;
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("schedule", "step");
            m.put("before", before);
            m.put("after", after);
            m.put("at", at);
            return m;
        }
    }
}
