package io.github.usdt4j.dtrace.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.usdt4j.dtrace.compile.CompiledProgram;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Aggregation;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Event;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Function;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Record;
import io.github.usdt4j.dtrace.compile.DType;
import io.github.usdt4j.dtrace.output.AggregationPrinter;
import io.github.usdt4j.dtrace.output.AggregationPrinter.Distribution;
import io.github.usdt4j.dtrace.output.AggregationPrinter.Key;
import io.github.usdt4j.dtrace.output.AggregationPrinter.Row;
import io.github.usdt4j.dtrace.output.PrintfFormat;
import io.github.usdt4j.dtrace.probes.ProbeSite;
import io.github.usdt4j.dtrace.output.ByteText;
import io.github.usdt4j.tool.Printable;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * Turns bpftrace's JSON lines into what dtrace prints: each record line of the compiled
 * program becomes its printf, trace or printa output (with the {@code CPU ID FUNCTION:NAME}
 * prefix unless quiet), and the maps bpftrace prints become aggregations in dtrace's layout.
 */
final class Renderer {
    private final CompiledProgram program;
    private final boolean quiet;
    private final PrintStream out;
    private final Map<String, Aggregation> aggregations = new LinkedHashMap<>();
    private final Map<String, Long> normals = new HashMap<>();
    /** trunc(@a, n) waiting for the aggregation's next print. */
    private final Map<String, Long> truncations = new HashMap<>();
    private final Set<String> printed = new HashSet<>();
    /** Maps bpftrace printed after END: the final state of every aggregation. */
    private final Map<String, JsonNode> finalMaps = new HashMap<>();
    private boolean headerPrinted;
    private boolean ended;
    private PendingPrinta pending;
    private Integer exitStatus;

    /** A printa waiting for its map (and, for stddev, the map of squares). */
    private static final class PendingPrinta {
        final CompiledProgram.Printa printa;
        final Map<String, JsonNode> maps = new HashMap<>();
        final boolean closesLine;

        PendingPrinta(CompiledProgram.Printa printa, boolean closesLine) {
            this.printa = printa;
            this.closesLine = closesLine;
        }
    }

    private final AggregationPrinter.Sorting sorting;

    Renderer(CompiledProgram program, boolean quiet, PrintStream out) {
        this(program, quiet, out, AggregationPrinter.Sorting.DEFAULT);
    }

    Renderer(CompiledProgram program, boolean quiet, PrintStream out, AggregationPrinter.Sorting sorting) {
        this.sorting = sorting;
        this.program = program;
        this.quiet = quiet;
        this.out = out;
        for (Aggregation aggregation : program.aggregations()) {
            aggregations.put(aggregation.name(), aggregation);
        }
    }

    /** The status an {@code exit(n)} asked for, or null. */
    Integer exitStatus() {
        return exitStatus;
    }

    /** A record line (the text of a bpftrace printf, without its newline). */
    void record(String line) {
        completePendingPrinta();
        String[] fields = line.substring(1).split(String.valueOf(CompiledProgram.FIELD), -1);
        Event event = program.events().get(Integer.parseInt(fields[0]));
        if (event == null) {
            return;
        }
        int cpu = Integer.parseInt(fields[1]);
        long pid = Long.parseLong(fields[2]);
        int next = 3;
        if (!quiet && event.first()) {
            if (!headerPrinted) {
                out.printf("%3s %6s %32s%n", "CPU", "ID", "FUNCTION:NAME");
                headerPrinted = true;
            }
            ProbeSite probe = probeOf(event, pid);
            // the function's name is from a file: shown as cat -v shows it, in the output's byte text
            out.printf("%3d %6d %32s ", cpu, probe.id(), ByteText.of(Printable.of(probe.function() + ":" + probe.name())));
        }
        boolean closesLine = !quiet && event.last();
        for (Record record : event.records()) {
            int count = CompiledProgram.valueCount(record);
            List<String> values = List.of(fields).subList(Math.min(next, fields.length), Math.min(next + count, fields.length));
            next += count;
            if (record instanceof CompiledProgram.Printf) {
                CompiledProgram.Printf printf = (CompiledProgram.Printf) record;
                out.print(printf.format().format(values(values, printf.types()), null));
            } else if (record instanceof CompiledProgram.Stack) {
                out.print(stack(values.isEmpty() ? "" : values.get(0)));
            } else if (record instanceof CompiledProgram.Trace) {
                out.print(trace(values.isEmpty() ? "0" : String.join("", values), ((CompiledProgram.Trace) record).type()));
            } else if (record instanceof CompiledProgram.Exit) {
                if (exitStatus == null) {
                    exitStatus = (int) Long.parseLong(values.get(0));
                }
            } else if (record instanceof CompiledProgram.Normalize) {
                normals.put(((CompiledProgram.Normalize) record).aggregation(), Math.max(1, Long.parseLong(values.get(0))));
            } else if (record instanceof CompiledProgram.Denormalize) {
                normals.remove(((CompiledProgram.Denormalize) record).aggregation());
            } else if (record instanceof CompiledProgram.Truncate) {
                truncations.put(((CompiledProgram.Truncate) record).aggregation(), parseLong(values.get(0)));
            } else if (record instanceof CompiledProgram.Printa) {
                pending = new PendingPrinta((CompiledProgram.Printa) record, closesLine);
                return; // the line is closed once the maps have come
            }
        }
        if (closesLine) {
            out.println();
        }
    }

    private static ProbeSite probeOf(Event event, long pid) {
        for (ProbeSite probe : event.probes()) {
            if (probe.usdt() != null && probe.usdt().pid() == pid) {
                return probe;
            }
        }
        return event.probes().get(0);
    }

    /** The values of a printf: a strjoin's fields are joined here, as bpftrace 0.17 cannot. */
    private static List<PrintfFormat.Value> values(List<String> texts, List<DType> types) {
        List<PrintfFormat.Value> values = new ArrayList<>();
        int at = 0;
        for (DType type : types) {
            if (at >= texts.size()) {
                break;
            }
            if (type.printsAsString() && !type.string()) {
                values.add(PrintfFormat.Value.of(shown(type, texts.get(at++))));
            } else if (type.string()) {
                int end = Math.min(texts.size(), at + type.fields());
                values.add(PrintfFormat.Value.of(type.rendered(String.join("", texts.subList(at, end)))));
                at = end;
            } else {
                values.add(PrintfFormat.Value.of(type.normalize(parseLong(texts.get(at++))), type.size(), type.signed()));
            }
        }
        return values;
    }

    /**
     * A number the program kept and the front-end shows as a string: a pid as its process's
     * arguments (curpsinfo->pr_psargs), an lltostr( ) as its digits.
     */
    private static String shown(DType type, String kept) {
        return type.equals(DType.PSARGS) ? ProcessArguments.of(parseLong(kept)) : type.rendered(kept);
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return Long.parseUnsignedLong(text.trim());
        }
    }

    /** How far dtrace indents a stack's frames (its stackindent option's default). */
    private static final int STACK_INDENT = 14;

    /**
     * A stack as dtrace prints it: a newline, then one indented frame per line,
     * {@code object`symbol+0xoffset}, {@code object`0xaddress} or {@code 0xaddress}, from
     * bpftrace's perf layout ({@code \taddress symbol+offset (path)}).
     */
    static String stack(String perfFrames) {
        StringBuilder out = new StringBuilder("\n");
        for (String line : perfFrames.split("\n")) {
            String frame = line.trim();
            if (frame.isEmpty()) {
                continue;
            }
            out.append(" ".repeat(STACK_INDENT)).append(frame(frame)).append('\n');
        }
        return out.toString();
    }

    private static String frame(String frame) {
        int space = frame.indexOf(' ');
        int open = frame.lastIndexOf(" (");
        if (space < 0 || open < space || !frame.endsWith(")")) {
            return frame; // not perf's layout: shown as it came
        }
        String address = "0x" + frame.substring(0, space);
        String symbol = frame.substring(space + 1, open);
        String path = frame.substring(open + 2, frame.length() - 1);
        if (path.equals("[unknown]")) {
            return address;
        }
        String object = path.substring(path.lastIndexOf('/') + 1);
        if (symbol.equals("[unknown]") || symbol.startsWith("0x")) {
            return object + "`" + address; // an object without symbols there
        }
        int plus = symbol.lastIndexOf('+');
        if (plus < 0) {
            return object + "`" + symbol;
        }
        long offset;
        try {
            offset = Long.parseLong(symbol.substring(plus + 1));
        } catch (NumberFormatException e) {
            return object + "`" + symbol;
        }
        String name = symbol.substring(0, plus);
        return offset == 0 ? object + "`" + name : object + "`" + name + "+0x" + Long.toHexString(offset);
    }

    /** trace(): quiet, the bare value; otherwise a column by the value's size. */
    private String trace(String text, DType type) {
        if (type.printsAsString() && !type.string()) {
            return trace(shown(type, text), DType.STRING);
        }
        if (type.string()) {
            String shown = type.rendered(text); // dirname( ) and basename( ) of what the program kept
            return quiet ? shown : "  " + String.format("%-33s", shown);
        }
        long value = type.normalize(parseLong(text));
        String digits = type.signed() ? Long.toString(value) : Long.toUnsignedString(value);
        if (quiet) {
            return digits;
        }
        int width = type.size() == 1 ? 3 : type.size() == 2 ? 5 : type.size() == 4 ? 8 : 16;
        return " " + " ".repeat(Math.max(0, width - digits.length())) + digits;
    }

    /** How two values of one key of map {@code name} combine (see {@link MapLines}). */
    BinaryOperator<JsonNode> merge(String name) {
        for (Aggregation aggregation : program.aggregations()) {
            if (name.equals(aggregation.squares()) || name.equals(aggregation.fired())) {
                return Renderer::sum;
            }
            if (!name.equals(aggregation.map())) {
                continue;
            }
            switch (aggregation.function()) { // as dtrace would have kept them: one entry
                case MIN: case MAX: // a max is kept as the min of its negated values
                    return (a, b) -> a.asLong() <= b.asLong() ? a : b;
                case AVG: case STDDEV:
                    return Renderer::sumStats;
                case QUANTIZE: case LQUANTIZE:
                    return Renderer::sumBuckets;
                default:
                    return Renderer::sum;
            }
        }
        return (a, b) -> b; // a variable of the program's own: never printed
    }

    private static JsonNode sum(JsonNode a, JsonNode b) {
        return LongNode.valueOf(a.asLong() + b.asLong());
    }

    private static JsonNode sumStats(JsonNode a, JsonNode b) {
        long count = a.path("count").asLong() + b.path("count").asLong();
        long total = a.path("total").asLong() + b.path("total").asLong();
        return JsonNodeFactory.instance.objectNode().put("count", count).put("average", count == 0 ? 0 : total / count)
                .put("total", total);
    }

    /** Two histograms: the buckets of both, counts added where both have one. */
    private static JsonNode sumBuckets(JsonNode a, JsonNode b) {
        Map<String, ObjectNode> buckets = new LinkedHashMap<>();
        for (JsonNode histogram : List.of(a, b)) {
            for (JsonNode bucket : histogram) {
                String bounds = bucket.path("min").asText("") + ":" + bucket.path("max").asText("");
                ObjectNode merged = buckets.get(bounds);
                if (merged == null) {
                    buckets.put(bounds, bucket.deepCopy());
                } else {
                    merged.put("count", merged.path("count").asLong() + bucket.path("count").asLong());
                }
            }
        }
        ArrayNode sum = JsonNodeFactory.instance.arrayNode();
        buckets.values().forEach(sum::add);
        return sum;
    }

    /** A map bpftrace printed: for a waiting printa, or, after END, the final state. */
    void map(JsonNode data) {
        for (Map.Entry<String, JsonNode> map : data.properties()) {
            if (ended) {
                finalMaps.put(map.getKey(), map.getValue());
            } else if (pending != null) {
                pending.maps.put(map.getKey(), map.getValue());
                boolean complete = true;
                for (String name : pending.printa.aggregations()) {
                    Aggregation aggregation = aggregations.get(name);
                    complete &= pending.maps.containsKey(aggregation.map())
                            && (aggregation.squares() == null || pending.maps.containsKey(aggregation.squares()))
                            && (aggregation.fired() == null || pending.maps.containsKey(aggregation.fired()));
                }
                if (complete) {
                    printa(pending);
                }
            }
        }
    }

    /** Whether the program's END has run: its marker came, and the maps bpftrace prints after it follow. */
    boolean hasEnded() {
        return ended;
    }

    void ended() {
        completePendingPrinta();
        ended = true;
    }

    /**
     * A printa still waiting for maps once the next record has come: bpftrace prints a clause's
     * maps before its next printf, and a map it has not printed by then is one it never prints
     * (a sum, min or max that never fired): empty, as dtrace shows it.
     */
    private void completePendingPrinta() {
        if (pending != null) {
            printa(pending);
        }
    }

    private void printa(PendingPrinta printa) {
        List<String> names = printa.printa.aggregations();
        if (printa.printa.format() == null) {
            out.println();
        }
        if (names.size() == 1) {
            Aggregation aggregation = aggregations.get(names.get(0));
            long normal = normals.getOrDefault(aggregation.name(), 1L);
            for (Row row : shown(aggregation, rows(aggregation, printa.maps))) {
                out.print(printa.printa.format() == null ? AggregationPrinter.row(row, normal)
                        : AggregationPrinter.row(row, normal, printa.printa.format()));
            }
        } else {
            List<List<Row>> rows = new ArrayList<>();
            List<Long> normalsInOrder = new ArrayList<>();
            for (String name : names) {
                rows.add(rows(aggregations.get(name), printa.maps));
                normalsInOrder.add(normals.getOrDefault(name, 1L));
            }
            out.print(AggregationPrinter.joined(rows, normalsInOrder, printa.printa.format(), sorting));
        }
        printed.addAll(names);
        if (printa.closesLine) {
            out.println();
        }
        pending = null;
    }

    /** After bpftrace has ended: dtrace's newline, then every aggregation no printa has shown. */
    void finish() {
        out.println();
        for (Aggregation aggregation : aggregations.values()) {
            if (printed.contains(aggregation.name()) || !finalMaps.containsKey(aggregation.map())) {
                continue;
            }
            if (aggregation.function() == Function.COUNT && aggregation.keys().isEmpty()
                    && finalMaps.get(aggregation.map()).asLong() == 0) {
                continue; // bpftrace prints "@a: 0" for a count no probe reached; dtrace prints nothing
            }
            long normal = normals.getOrDefault(aggregation.name(), 1L);
            for (Row row : shown(aggregation, rows(aggregation, finalMaps))) {
                out.print(AggregationPrinter.row(row, normal));
            }
        }
        out.flush();
    }

    /** The aggregations whose bpftrace map ended with {@code limit} keys: it dropped others. */
    List<String> fullAggregations(int limit) {
        List<String> full = new ArrayList<>();
        for (Aggregation aggregation : aggregations.values()) {
            JsonNode map = finalMaps.get(aggregation.map());
            if (map != null && map.isObject() && map.size() >= limit) {
                full.add(aggregation.name());
            }
        }
        return full;
    }

    /** The rows printed, in dtrace's order, less those a pending trunc(@a, n) leaves out. */
    private List<Row> shown(Aggregation aggregation, List<Row> rows) {
        Long keep = truncations.remove(aggregation.name());
        // trunc keeps the largest (or smallest) values whatever the printing order
        List<Row> kept = keep == null ? rows : AggregationPrinter.truncated(AggregationPrinter.sorted(rows), keep);
        return AggregationPrinter.sorted(kept, sorting);
    }

    // ---- bpftrace's JSON maps as rows --------------------------------------------------------

    private List<Row> rows(Aggregation aggregation, Map<String, JsonNode> maps) {
        JsonNode map = maps.get(aggregation.map());
        JsonNode squares = aggregation.squares() == null ? null : maps.get(aggregation.squares());
        List<Row> rows = new ArrayList<>();
        if (map == null) {
            return rows;
        }
        if (aggregation.function() == Function.LLQUANTIZE) {
            return logLinearRows(aggregation, map);
        }
        if (aggregation.keys().isEmpty()) {
            if (!neverFired(aggregation, map, maps)) {
                rows.add(row(aggregation, List.of(), map, squares));
            }
            return rows;
        }
        // A key the front-end takes apart (dirname) may make two of bpftrace's keys one: their
        // values combine as dtrace, counting under the one key, would have kept them.
        Map<List<Key>, JsonNode> values = new LinkedHashMap<>();
        Map<List<Key>, JsonNode> squaresByKey = new LinkedHashMap<>();
        BinaryOperator<JsonNode> combine = merge(aggregation.map());
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            List<Key> keys = keys(entry.getKey(), aggregation.keys());
            values.merge(keys, entry.getValue(), combine);
            JsonNode square = squares == null ? null : squares.get(entry.getKey());
            if (square != null) {
                squaresByKey.merge(keys, square, Renderer::sum);
            }
        }
        for (Map.Entry<List<Key>, JsonNode> entry : values.entrySet()) {
            rows.add(row(aggregation, entry.getKey(), entry.getValue(), squaresByKey.get(entry.getKey())));
        }
        return rows;
    }

    /**
     * Whether a keyless aggregation never fired, which bpftrace prints as a value of 0 and dtrace
     * not at all: a count of 0, stats of no values, a histogram without buckets, or the
     * companion count of a sum, min or max at 0.
     */
    private static boolean neverFired(Aggregation aggregation, JsonNode map, Map<String, JsonNode> maps) {
        if (aggregation.fired() != null) {
            JsonNode fired = maps.get(aggregation.fired());
            return fired == null || fired.asLong() == 0;
        }
        switch (aggregation.function()) {
            case COUNT:
                return map.asLong() == 0;
            case AVG: case STDDEV:
                return map.path("count").asLong() == 0;
            case QUANTIZE: case LQUANTIZE:
                return map.isArray() && map.size() == 0;
            default:
                return false;
        }
    }

    private static Row row(Aggregation aggregation, List<Key> keys, JsonNode value, JsonNode squares) {
        switch (aggregation.function()) {
            case QUANTIZE:
            case LQUANTIZE:
                return new Row(keys, 0, distribution(aggregation, value), false);
            case AVG: {
                long count = value.path("count").asLong();
                return new Row(keys, count == 0 ? 0 : value.path("total").asLong() / count, null, false);
            }
            case STDDEV: {
                long count = value.path("count").asLong();
                return new Row(keys, count == 0 ? 0 : stddev(count, value.path("total").asLong(),
                        squares == null ? 0 : squares.asLong()), null, true);
            }
            case MAX:
                return new Row(keys, -value.asLong(), null, false); // kept negated (Aggregation)
            default:
                return new Row(keys, value.asLong(), null, false);
        }
    }

    /** dtrace's integer standard deviation: sqrt(avg(x²) − avg(x)²), each average truncated. */
    static long stddev(long count, long sum, long sumOfSquares) {
        BigInteger n = BigInteger.valueOf(count);
        BigInteger averageOfSquares = new BigInteger(Long.toUnsignedString(sumOfSquares)).divide(n);
        BigInteger average = BigInteger.valueOf(sum).divide(n).abs();
        BigInteger difference = averageOfSquares.subtract(average.multiply(average));
        return difference.signum() <= 0 ? 0 : difference.sqrt().longValue();
    }

    /** llquantize's map has the bucket as its last key: one distribution per value of the others. */
    private static List<Row> logLinearRows(Aggregation aggregation, JsonNode map) {
        List<DType> types = new ArrayList<>(aggregation.keys());
        types.add(DType.INT64);
        List<Long> p = aggregation.parameters();
        long overflow = AggregationPrinter.power(p.get(0), p.get(2) + 1);
        Map<List<Key>, TreeMap<Long, Long>> groups = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            List<Key> keys = keys(entry.getKey(), types);
            long bucket = keys.remove(keys.size() - 1).number();
            long label = bucket < 0 ? Long.MIN_VALUE : bucket >= overflow ? Long.MAX_VALUE : bucket;
            groups.computeIfAbsent(keys, k -> new TreeMap<>()).merge(label, entry.getValue().asLong(), Long::sum);
        }
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<List<Key>, TreeMap<Long, Long>> group : groups.entrySet()) {
            rows.add(new Row(group.getKey(), 0,
                    Distribution.logLinear(group.getValue(), p.get(0), p.get(1), p.get(2), p.get(3)), false));
        }
        return rows;
    }

    private static Distribution distribution(Aggregation aggregation, JsonNode buckets) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        boolean linear = aggregation.function() == Function.LQUANTIZE;
        for (JsonNode bucket : buckets) {
            long count = bucket.path("count").asLong();
            long label;
            if (!bucket.has("min")) {
                label = linear ? Long.MIN_VALUE : -1; // bpftrace keeps every negative value in one bucket
            } else if (!bucket.has("max")) {
                label = Long.MAX_VALUE;
            } else {
                // an lquantize with a negative base counts the values less the base (Aggregation)
                long shift = linear && aggregation.parameters().get(0) < 0 ? aggregation.parameters().get(0) : 0;
                label = bucket.get("min").asLong() + shift;
            }
            counts.merge(label, count, Long::sum);
        }
        if (!linear) {
            return Distribution.powersOfTwo(counts);
        }
        List<Long> p = aggregation.parameters();
        return Distribution.linear(counts, p.get(0), p.get(1), p.get(2));
    }

    /**
     * bpftrace joins a map's keys with commas. Integers hold none, so they are split off one by
     * one; the text left over belongs to the strings (with several string keys that contain
     * commas, the first takes the extra ones).
     */
    static List<Key> keys(String joined, List<DType> types) {
        List<DType> fields = new ArrayList<>();
        for (DType type : types) {
            fields.addAll(Collections.nCopies(type.fields(), type.fields() > 1 ? DType.STRING : type));
        }
        List<Key> keys = fieldKeys(joined, fields);
        // a strjoin key comes as the strings it joins
        List<Key> joinedKeys = new ArrayList<>();
        int at = 0;
        for (DType type : types) {
            if (type.isStack()) {
                joinedKeys.add(Key.stack(stack(keys.get(at++).text())));
            } else if (type.printsAsString() && !type.string()) {
                joinedKeys.add(Key.of(shown(type, Long.toString(keys.get(at++).number())))); // the number the program kept
            } else if (type.isRendered()) {
                joinedKeys.add(Key.of(type.rendered(keys.get(at++).text()))); // the front-end takes the kept string apart
            } else if (type.fields() == 1) {
                joinedKeys.add(keys.get(at++));
            } else {
                StringBuilder text = new StringBuilder();
                for (int k = 0; k < type.fields(); k++) {
                    text.append(keys.get(at++).text());
                }
                joinedKeys.add(Key.of(text.toString()));
            }
        }
        return joinedKeys;
    }

    private static List<Key> fieldKeys(String joined, List<DType> types) {
        String[] parts = joined.split(",", -1);
        List<Key> keys = new ArrayList<>();
        int strings = (int) types.stream().filter(DType::string).count();
        int extra = parts.length - types.size();
        int at = 0;
        for (DType type : types) {
            if (type.string()) {
                int take = 1 + (extra > 0 && strings > 0 ? extra : 0);
                StringBuilder text = new StringBuilder();
                for (int k = 0; k < take && at < parts.length; k++) {
                    if (k > 0) {
                        text.append(',');
                    }
                    text.append(parts[at++]);
                }
                extra = 0;
                keys.add(Key.of(text.toString()));
            } else {
                long value = at < parts.length ? parseLong(parts[at++]) : 0;
                keys.add(Key.of(type.normalize(value), type.size()));
            }
        }
        return keys;
    }
}
