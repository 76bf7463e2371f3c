package io.github.usdt4j.dtrace.output;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints aggregations as dtrace(1) does: rows sorted by value, keys in their columns (integers
 * right-aligned by size, strings left-aligned in 50 columns), values right-aligned in 16, and
 * quantize/lquantize distributions as the {@code value ---- Distribution ---- count} table with
 * one empty bucket above and below the data.
 */
public final class AggregationPrinter {
    private static final String DASHES = "------------- Distribution -------------";
    private static final String ATS = "@".repeat(40);
    private static final String SPACES = " ".repeat(40);

    private AggregationPrinter() {}

    /** One key of a row: a string, an integer of the given size in bytes, or a stack. */
    public record Key(String text, long number, int size, boolean stack) {
        public static Key of(String text) {
            return new Key(text, 0, 0, false);
        }

        public static Key of(long number, int size) {
            return new Key(null, number, size, false);
        }

        /** A {@code ustack()} key: its frames as dtrace prints them, a newline first and after each. */
        public static Key stack(String frames) {
            return new Key(frames, 0, 0, true);
        }

        boolean isString() {
            return text != null;
        }

        PrintfFormat.Value asValue() {
            return isString() ? PrintfFormat.Value.of(text) : PrintfFormat.Value.of(number, size, true);
        }
    }

    /**
     * A distribution: counts by bucket label. {@code labels} lists every bucket in order for
     * lquantize and llquantize ({@code Long.MIN_VALUE} stands for the "{@code < base}" row,
     * {@code Long.MAX_VALUE} for "{@code >= limit}"); it is null for quantize's powers of two.
     */
    public record Distribution(TreeMap<Long, Long> buckets, List<Long> labels, long base, long limit) {
        public static Distribution powersOfTwo(TreeMap<Long, Long> buckets) {
            return new Distribution(buckets, null, 0, 0);
        }

        /** lquantize(value, base, limit, step)'s buckets. */
        public static Distribution linear(TreeMap<Long, Long> buckets, long base, long limit, long step) {
            List<Long> labels = new ArrayList<>();
            labels.add(Long.MIN_VALUE);
            for (long v = base; v < limit; v += step) {
                labels.add(v);
            }
            labels.add(Long.MAX_VALUE);
            return new Distribution(buckets, labels, base, limit);
        }

        /**
         * llquantize(value, factor, low, high, steps)'s buckets, as dtrace makes them: below
         * factor^low, then for each order o from low to high the values factor^o, factor^o +
         * step, … up to factor^(o+1), where step is factor^(o+1) / steps (at least 1).
         */
        public static Distribution logLinear(TreeMap<Long, Long> buckets, long factor, long low, long high, long steps) {
            List<Long> labels = new ArrayList<>();
            labels.add(Long.MIN_VALUE);
            long value = power(factor, low);
            for (long order = low; order <= high; order++) {
                long next = value * factor;
                long step = next > steps ? next / steps : 1;
                for (; value < next; value += step) {
                    labels.add(value);
                }
                value = next;
            }
            labels.add(Long.MAX_VALUE);
            return new Distribution(buckets, labels, power(factor, low), value);
        }

        long total() {
            return buckets.values().stream().mapToLong(Long::longValue).sum();
        }

        /** What dtrace sorts distributions by: the sum of each bucket's value times its count. */
        long weight() {
            long weight = 0;
            for (Map.Entry<Long, Long> bucket : buckets.entrySet()) {
                long label = bucket.getKey() == Long.MIN_VALUE ? base - 1 : bucket.getKey() == Long.MAX_VALUE ? limit : bucket.getKey();
                weight += label * bucket.getValue();
            }
            return weight;
        }
    }

    /** {@code base} to the power {@code exponent}. */
    public static long power(long base, long exponent) {
        long result = 1;
        for (long i = 0; i < exponent; i++) {
            result = Math.multiplyExact(result, base);
        }
        return result;
    }

    /** One row: its keys and either a number (count, sum, avg…) or a distribution. */
    public record Row(List<Key> keys, long value, Distribution distribution, boolean unsigned) {}

    /**
     * How rows are ordered, as dtrace's options say: by value then key unless {@code byKey}
     * (aggsortkey: by key, then value); the keys compared from {@code keyPosition} on, wrapping
     * round (aggsortkeypos); a printa of several aggregations by the value of the one at
     * {@code aggregationPosition} first (aggsortpos); every comparison turned round with
     * {@code reverse} (aggsortrev). As libdtrace's dt_aggregate.c compares them.
     */
    public record Sorting(boolean byKey, boolean reverse, int keyPosition, int aggregationPosition) {
        /** dtrace's order without options. */
        public static final Sorting DEFAULT = new Sorting(false, false, 0, 0);
    }

    /** dtrace's order: by value, then by key. */
    public static List<Row> sorted(List<Row> rows) {
        return sorted(rows, Sorting.DEFAULT);
    }

    /** The rows in the order {@code sorting} says. */
    public static List<Row> sorted(List<Row> rows, Sorting sorting) {
        List<Row> sorted = new ArrayList<>(rows);
        Comparator<Row> byValue = Comparator.comparingLong(AggregationPrinter::sortValue);
        Comparator<Row> byKeys = (a, b) -> compareKeys(a.keys(), b.keys(), sorting.keyPosition());
        Comparator<Row> order = sorting.byKey() ? byKeys.thenComparing(byValue) : byValue.thenComparing(byKeys);
        sorted.sort(sorting.reverse() ? order.reversed() : order);
        return sorted;
    }

    /** What dtrace sorts a row by: its value, or a distribution's weight. */
    private static long sortValue(Row row) {
        return row.distribution() != null ? row.distribution().weight() : row.value();
    }

    /**
     * What {@code trunc(@a, n)} leaves of rows in dtrace's order (smallest value first): the
     * {@code n} largest, or for a negative {@code n} the {@code -n} smallest.
     */
    public static List<Row> truncated(List<Row> sorted, long n) {
        int keep = (int) Math.min(sorted.size(), Math.abs(n));
        return n >= 0 ? sorted.subList(sorted.size() - keep, sorted.size()) : sorted.subList(0, keep);
    }

    /** Keys compared one by one from {@code position} (0 when there is no such key), wrapping round. */
    private static int compareKeys(List<Key> a, List<Key> b, int position) {
        int count = Math.min(a.size(), b.size());
        int start = position < count ? position : 0;
        for (int n = 0; n < count; n++) {
            int i = (start + n) % count;
            Key x = a.get(i);
            Key y = b.get(i);
            int c = x.isString() && y.isString() ? x.text().compareTo(y.text())
                    : x.isString() || y.isString() ? Boolean.compare(x.isString(), y.isString())
                    : Long.compare(x.number(), y.number());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** The default layout of one row, newline included. */
    public static String row(Row row, long normal) {
        StringBuilder out = new StringBuilder();
        for (Key key : row.keys()) {
            out.append(key(key));
        }
        out.append(value(row, normal));
        out.append('\n');
        return out.toString();
    }

    /** One row through a printa format: keys fill the plain conversions, {@code %@} the value. */
    public static String row(Row row, long normal, PrintfFormat format) {
        List<PrintfFormat.Value> keys = new ArrayList<>();
        for (Key key : row.keys()) {
            keys.add(key.asValue());
        }
        return format.format(keys, conversion -> aggregationValue(row, normal, conversion));
    }

    /**
     * printa with several aggregations: one line per key that any of them has, each
     * aggregation's value in turn (0 where it lacks the key), sorted by the first one's value.
     * With a format, the plain conversions take the keys and each {@code %@} the next value.
     */
    public static String joined(List<List<Row>> aggregations, List<Long> normals, PrintfFormat format) {
        return joined(aggregations, normals, format, Sorting.DEFAULT);
    }

    /**
     * {@link #joined(List, List, PrintfFormat)} in the order {@code sorting} says: by the values
     * of each aggregation in turn from the one at its position, then by key (or by key first).
     */
    public static String joined(List<List<Row>> aggregations, List<Long> normals, PrintfFormat format, Sorting sorting) {
        Map<List<Key>, Row[]> byKey = new java.util.LinkedHashMap<>();
        for (int i = 0; i < aggregations.size(); i++) {
            for (Row row : aggregations.get(i)) {
                byKey.computeIfAbsent(row.keys(), k -> new Row[aggregations.size()])[i] = row;
            }
        }
        int count = aggregations.size();
        int first = sorting.aggregationPosition() < count ? sorting.aggregationPosition() : 0;
        Comparator<List<Key>> byValues = (a, b) -> {
            for (int n = 0; n < count; n++) {
                int i = (first + n) % count;
                int c = Long.compare(valueOf(byKey.get(a)[i]), valueOf(byKey.get(b)[i]));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
        Comparator<List<Key>> byKeys = (a, b) -> compareKeys(a, b, sorting.keyPosition());
        Comparator<List<Key>> bundle = sorting.byKey() ? byKeys.thenComparing(byValues) : byValues.thenComparing(byKeys);
        List<List<Key>> order = new ArrayList<>(byKey.keySet());
        order.sort(sorting.reverse() ? bundle.reversed() : bundle);
        StringBuilder out = new StringBuilder();
        for (List<Key> keyOfRow : order) {
            Row representative = new Row(keyOfRow, 0, null, false);
            Row[] rows = byKey.get(representative.keys());
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] == null) {
                    rows[i] = new Row(representative.keys(), 0, null, false);
                }
            }
            if (format == null) {
                for (Key key : representative.keys()) {
                    out.append(key(key));
                }
                for (int i = 0; i < rows.length; i++) {
                    out.append(value(rows[i], normals.get(i)));
                }
                out.append('\n');
            } else {
                List<PrintfFormat.Value> keys = new ArrayList<>();
                for (Key key : representative.keys()) {
                    keys.add(key.asValue());
                }
                int[] next = {0};
                out.append(format.format(keys, conversion -> {
                    int i = Math.min(next[0]++, rows.length - 1);
                    return aggregationValue(rows[i], normals.get(i), conversion);
                }));
            }
        }
        return out.toString();
    }

    private static long valueOf(Row row) {
        return row == null ? 0 : sortValue(row);
    }

    private static String aggregationValue(Row row, long normal, PrintfFormat.Conversion conversion) {
        if (row.distribution() != null) {
            return distribution(row.distribution(), normal);
        }
        return PrintfFormat.parse("%" + conversion.flags() + (conversion.precision() >= 0 ? "." + conversion.precision() : "")
                + conversion.conversion()).format(List.of(PrintfFormat.Value.of(normalized(row, normal), 8, !row.unsigned())), null);
    }

    private static long normalized(Row row, long normal) {
        return normal > 1 ? row.value() / normal : row.value();
    }

    private static String key(Key key) {
        if (key.stack()) {
            return key.text(); // dtrace prints a stack key as it prints ustack(): no column
        }
        if (key.isString()) {
            return "  " + PrintfFormat.pad(key.text(), 50, true);
        }
        int width = key.size() == 1 ? 3 : key.size() == 2 ? 5 : key.size() == 4 ? 8 : 16;
        return " " + PrintfFormat.pad(Long.toString(key.number()), width, false);
    }

    private static String value(Row row, long normal) {
        if (row.distribution() != null) {
            return distribution(row.distribution(), normal);
        }
        long value = normalized(row, normal);
        return " " + PrintfFormat.pad(row.unsigned() ? Long.toUnsignedString(value) : Long.toString(value), 16, false);
    }

    /** The distribution table, starting with its newline and header, each bucket on its line. */
    public static String distribution(Distribution d, long normal) {
        List<Long> labels = d.labels() != null ? listedRows(d) : powerOfTwoRows(d);
        boolean positives = false;
        boolean negatives = false;
        double total = 0;
        for (long label : labels) {
            long count = d.buckets().getOrDefault(label, 0L);
            positives |= count > 0;
            negatives |= count < 0;
            total += Math.abs((double) count);
        }
        StringBuilder out = new StringBuilder();
        out.append('\n').append(PrintfFormat.pad("value", 16, false)).append(' ').append(PrintfFormat.pad(DASHES, 41, false))
                .append(' ').append(PrintfFormat.pad("count", 9, true)).append('\n');
        for (long label : labels) {
            String text = label == Long.MIN_VALUE ? "< " + d.base() : label == Long.MAX_VALUE ? ">= " + d.limit() : Long.toString(label);
            out.append(PrintfFormat.pad(text, 16, false)).append(' ');
            out.append(line(d.buckets().getOrDefault(label, 0L), normal, total, positives, negatives));
        }
        return out.toString();
    }

    /**
     * dtrace's bar: 40 columns for the whole of the shown buckets, split in two when counts are
     * of both signs. A bar's length is truncated, as in the DTrace guide's tables (seed 003:
     * 157 of 193 draws 32 columns, not 33); later illumos releases round instead.
     */
    private static String line(long value, long normal, double total, boolean positives, boolean negatives) {
        long shown = normal > 1 ? value / normal : value;
        String count = PrintfFormat.pad(Long.toString(shown), 9, true);
        if (!negatives) {
            int depth = positives ? (int) (Math.abs((double) value) * 40 / total) : 0;
            return "|" + ATS.substring(40 - depth) + SPACES.substring(depth) + " " + count + "\n";
        }
        if (!positives) {
            int depth = (int) (Math.abs((double) value) * 40 / total);
            return SPACES.substring(depth) + ATS.substring(40 - depth) + "| " + count + "\n";
        }
        int depth = (int) (Math.abs((double) value) * 20 / total);
        if (value <= 0) {
            return SPACES.substring(20 + depth) + ATS.substring(40 - depth) + "|" + " ".repeat(20) + " " + count + "\n";
        }
        return " ".repeat(20) + "|" + ATS.substring(40 - depth) + SPACES.substring(20 + depth) + " " + count + "\n";
    }

    /** quantize's buckets: ..., -2, -1, 0, 1, 2, 4, ...; the data's and one empty bucket each side. */
    private static List<Long> powerOfTwoRows(Distribution d) {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (Map.Entry<Long, Long> bucket : d.buckets().entrySet()) {
            if (bucket.getValue() != 0) {
                first = Math.min(first, bucket.getKey());
                last = Math.max(last, bucket.getKey());
            }
        }
        List<Long> labels = new ArrayList<>();
        if (first == Long.MAX_VALUE) {
            return List.of(-1L, 0L, 1L);
        }
        long label = previous(first);
        labels.add(label);
        do {
            label = next(label);
            labels.add(label);
        } while (label < last);
        if (label < (1L << 62)) {
            labels.add(next(label));
        }
        return labels;
    }

    private static long next(long label) {
        if (label < -1) {
            return label / 2;
        }
        if (label <= 0) {
            return label + 1;
        }
        return label * 2;
    }

    private static long previous(long label) {
        if (label > 1) {
            return label / 2;
        }
        if (label >= 0) {
            return label - 1;
        }
        return label == Long.MIN_VALUE / 2 ? label : label * 2;
    }

    /** lquantize's and llquantize's rows: the data's buckets and one empty bucket each side. */
    private static List<Long> listedRows(Distribution d) {
        List<Long> all = d.labels();
        int first = -1;
        int last = -1;
        for (int i = 0; i < all.size(); i++) {
            if (d.buckets().getOrDefault(all.get(i), 0L) != 0) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        if (first < 0) {
            return all.subList(0, Math.min(3, all.size()));
        }
        return all.subList(Math.max(0, first - 1), Math.min(all.size(), last + 2));
    }
}
