package io.github.usdt4j.dtrace.compile;

import io.github.usdt4j.dtrace.output.PrintfFormat;
import io.github.usdt4j.dtrace.probes.ProbeSite;
import java.util.List;
import java.util.Map;

/**
 * A D program lowered to bpftrace: the program text, and what the runner needs to turn
 * bpftrace's JSON output back into DTrace's: the events the program prints (each a clause's
 * records, tagged with an id), the aggregations, how many probes each program matched, and
 * warnings for the user (a kernel provider that -Z let match nothing).
 *
 * <p>Every record bpftrace prints for us is one {@code printf} line that starts with
 * {@link #RECORD} and has its fields separated by {@link #FIELD}: the event id, the CPU, the
 * process id, then the event's values.
 */
public record CompiledProgram(String bpftrace, List<Match> matches, Map<Integer, Event> events,
        List<Aggregation> aggregations, Map<String, String> options, List<ProbeSite> probes, List<String> warnings) {

    public static final char RECORD = '\u001e';
    public static final char FIELD = '\u001f';
    /** The event BEGIN prints first: every probe is attached. */
    public static final String ATTACHED = "A";
    /** The event END prints last: what follows is bpftrace's final dump of the maps. */
    public static final String ENDED = "Z";

    /** One {@code -s} script or {@code -n} description and the probes it matched. */
    public record Match(String kind, String name, int probes) {}

    /**
     * What one clause prints when it fires on one probe. {@code first} and {@code last} say
     * whether this event opens or closes the clause's output (dtrace prints the
     * {@code CPU ID FUNCTION:NAME} prefix before the first and a newline after the last).
     */
    public record Event(int id, List<ProbeSite> probes, boolean first, boolean last, List<Record> records) {}

    /** One data-recording action. */
    public sealed interface Record permits Printf, Trace, Printa, Exit, Normalize, Denormalize, Truncate, Stack {}

    public record Printf(PrintfFormat format, List<DType> types) implements Record {}

    public record Trace(DType type) implements Record {}

    /** {@code ustack()}: the frames bpftrace printed in perf's layout, printed as dtrace prints a stack. */
    public record Stack() implements Record {}

    /** printa: the aggregations to print next, and the format, or null for the default layout. */
    public record Printa(PrintfFormat format, List<String> aggregations) implements Record {}

    public record Exit() implements Record {}

    public record Normalize(String aggregation) implements Record {}

    public record Denormalize(String aggregation) implements Record {}

    /** {@code trunc(@a, n)}: the next print of the aggregation shows its n largest entries (n < 0: smallest). */
    public record Truncate(String aggregation) implements Record {}

    /** How many values a record takes from its event's line. */
    public static int valueCount(Record record) {
        if (record instanceof Printf) {
            return ((Printf) record).types().stream().mapToInt(DType::fields).sum();
        }
        if (record instanceof Trace) {
            return ((Trace) record).type().fields();
        }
        return record instanceof Exit || record instanceof Normalize
                || record instanceof Truncate || record instanceof Stack ? 1 : 0;
    }

    /** The aggregating functions, and how each is kept in bpftrace. */
    public enum Function {
        COUNT, SUM, AVG, MIN, MAX, STDDEV, QUANTIZE, LQUANTIZE, LLQUANTIZE
    }

    /**
     * One aggregation: {@code name} as D spells it ({@code ""} for {@code @}), the bpftrace map
     * that holds it (and, for stddev, the map of squares), its key types, and the constant
     * arguments of lquantize (base, limit, step) or llquantize (factor, low, high, steps).
     * An llquantize map has one key more than D's: the bucket. A max is kept as the min of
     * the negated values (bpftrace 0.17 never stores a max of 0 or less), and an lquantize with
     * a negative base as an lhist of the values less the base (lhist takes no negative bound).
     * {@code fired}, for a sum, min or max without keys, counts its firings: bpftrace prints
     * such a map as 0 whether or not it fired, and dtrace prints nothing for one that never did.
     */
    public record Aggregation(String name, String map, String squares, String fired, Function function, List<DType> keys,
            List<Long> parameters) {}
}
