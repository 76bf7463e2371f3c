package io.github.usdt4j.dtrace.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.dtrace.output.AggregationPrinter.Distribution;
import io.github.usdt4j.dtrace.output.AggregationPrinter.Key;
import io.github.usdt4j.dtrace.output.AggregationPrinter.Row;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The layouts dtrace prints, checked against the tables of the DTrace guide's chapter on
 * statically defined probes (seed 003), copied here line for line.
 */
class AggregationPrinterTest {
    private static final String HEADER = "           value  ------------- Distribution ------------- count    \n";

    private static TreeMap<Long, Long> buckets(long... labelsAndCounts) {
        TreeMap<Long, Long> buckets = new TreeMap<>();
        for (int i = 0; i < labelsAndCounts.length; i += 2) {
            buckets.put(labelsAndCounts[i], labelsAndCounts[i + 1]);
        }
        return buckets;
    }

    @Test
    void lquantizeShowsOneEmptyBucketEachSideAsInTheGuidesIntervalExample() {
        // interval.d: @callout[...] = lquantize(arg2, 0, 100); genunix`schedpaging: 20 at 25
        Distribution d = Distribution.linear(buckets(25, 20), 0, 100, 1);
        assertEquals("\n" + HEADER
                + "              24 |                                         0        \n"
                + "              25 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 20       \n"
                + "              26 |                                         0        \n",
                AggregationPrinter.distribution(d, 1));
    }

    @Test
    void quantizeBarsAreTruncatedAsInTheGuidesInterruptExample() {
        // intr.d: pcf8584 instance 0: 2, 157, 31 and 3 in the buckets 128 to 1024
        Distribution d = Distribution.powersOfTwo(buckets(128, 2, 256, 157, 512, 31, 1024, 3));
        assertEquals("\n" + HEADER
                + "              64 |                                         0        \n"
                + "             128 |                                         2        \n"
                + "             256 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@         157      \n"
                + "             512 |@@@@@@                                   31       \n"
                + "            1024 |                                         3        \n"
                + "            2048 |                                         0        \n",
                AggregationPrinter.distribution(d, 1));
    }

    @Test
    void quantizeKeepsEmptyBucketsBetweenDataAsInTheGuidesHmeExample() {
        Distribution d = Distribution.powersOfTwo(buckets(2048, 6, 4096, 2, 8192, 89, 16384, 262, 32768, 37, 65536, 139,
                131072, 161, 262144, 73, 524288, 4, 2097152, 1));
        assertEquals("\n" + HEADER
                + "            1024 |                                         0        \n"
                + "            2048 |                                         6        \n"
                + "            4096 |                                         2        \n"
                + "            8192 |@@@@                                     89       \n"
                + "           16384 |@@@@@@@@@@@@@                            262      \n"
                + "           32768 |@                                        37       \n"
                + "           65536 |@@@@@@@                                  139      \n"
                + "          131072 |@@@@@@@@                                 161      \n"
                + "          262144 |@@@                                      73       \n"
                + "          524288 |                                         4        \n"
                + "         1048576 |                                         0        \n"
                + "         2097152 |                                         1        \n"
                + "         4194304 |                                         0        \n",
                AggregationPrinter.distribution(d, 1));
    }

    @Test
    void aKeyedDistributionPrintsItsKeysThenItsTable() {
        // intr.d's rows: a string key in 50 columns, an int key in 8, then the table and a blank line
        Row row = new Row(List.of(Key.of("isp"), Key.of(0, 4)), 0,
                Distribution.powersOfTwo(buckets(16384, 1)), false);
        assertEquals("  isp                                                       0\n" + HEADER
                + "            8192 |                                         0        \n"
                + "           16384 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
                + "           32768 |                                         0        \n"
                + "\n", AggregationPrinter.row(row, 1));
    }

    @Test
    void emptyAndLinearEdgesShowTheirOwnRows() {
        assertEquals("\n" + HEADER
                + "              -1 |                                         0        \n"
                + "               0 |                                         0        \n"
                + "               1 |                                         0        \n",
                AggregationPrinter.distribution(Distribution.powersOfTwo(new TreeMap<>()), 1));
        Distribution linear = Distribution.linear(buckets(Long.MIN_VALUE, 1, Long.MAX_VALUE, 3), 0, 200, 20);
        String table = AggregationPrinter.distribution(linear, 1);
        assertEquals("             < 0 |@@@@@@@@@@                               1        ",
                table.lines().skip(2).findFirst().orElseThrow());
        assertEquals("          >= 200 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@           3        ",
                table.lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(14, table.lines().count(), table); // a blank line, the header, < 0, ten buckets, >= 200
    }

    @Test
    void llquantizeMakesDTracesLogLinearBuckets() {
        // llquantize(i, 10, 0, 3, 10) over 0..999, four times: "< 1" holds the zeros
        TreeMap<Long, Long> counts = new TreeMap<>();
        counts.put(Long.MIN_VALUE, 4L);
        for (long v = 1; v < 10; v++) {
            counts.put(v, 4L);
        }
        for (long v = 10; v < 1000; v += v < 100 ? 10 : 100) {
            counts.put(v, v < 100 ? 40L : 400L);
        }
        Distribution d = Distribution.logLinear(counts, 10, 0, 3, 10);
        List<String> lines = AggregationPrinter.distribution(d, 1).lines().toList();
        assertEquals("             < 1 |                                         4        ", lines.get(2));
        assertEquals("               1 |                                         4        ", lines.get(3));
        assertEquals("              90 |                                         40       ", lines.get(20));
        assertEquals("             100 |@@@@                                     400      ", lines.get(21));
        assertEquals("             900 |@@@@                                     400      ", lines.get(29));
        assertEquals("            1000 |                                         0        ", lines.get(30));
        assertEquals(31, lines.size(), String.join("\n", lines));
        TreeMap<Long, Long> over = new TreeMap<>();
        over.put(Long.MAX_VALUE, 2L);
        assertEquals("        >= 10000 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 2        ",
                AggregationPrinter.distribution(Distribution.logLinear(over, 10, 0, 3, 10), 1).lines().reduce((a, b) -> b).orElseThrow());
    }

    @Test
    void countsAreRightAlignedInSixteenColumnsAndSortedByValueThenKey() {
        List<Row> rows = AggregationPrinter.sorted(List.of(
                new Row(List.of(Key.of("write")), 12, null, false),
                new Row(List.of(Key.of("read")), 3, null, false),
                new Row(List.of(Key.of("close")), 12, null, false)));
        StringBuilder out = new StringBuilder();
        for (Row row : rows) {
            out.append(AggregationPrinter.row(row, 1));
        }
        assertEquals("  read                                                              3\n"
                + "  close                                                            12\n"
                + "  write                                                            12\n", out.toString());
    }

    @Test
    void severalAggregationsShareALinePerKeySortedByTheFirst() {
        List<Row> counts = List.of(new Row(List.of(Key.of("read")), 7, null, false),
                new Row(List.of(Key.of("write")), 2, null, false));
        List<Row> bytes = List.of(new Row(List.of(Key.of("write")), 512, null, false),
                new Row(List.of(Key.of("close")), 9, null, false));
        assertEquals("close 0 9\nwrite 2 512\nread 7 0\n",
                AggregationPrinter.joined(List.of(counts, bytes), List.of(1L, 1L), PrintfFormat.parse("%s %@d %@d\n")));
        assertEquals("  close" + " ".repeat(45) + "                0                9\n",
                AggregationPrinter.joined(List.of(counts, bytes), List.of(1L, 1L), null).lines().findFirst().orElseThrow() + "\n");
    }

    @Test
    void normalizeDividesWhatIsPrinted() {
        Row row = new Row(List.of(), 4000, null, false);
        assertEquals("                4\n", AggregationPrinter.row(row, 1000));
    }

    @Test
    void printaFormatsPutKeysAndTheValueWhereTheFormatSays() {
        // callout.d: printa("%40a %10@d\n", @callouts), with a string key here
        Row row = new Row(List.of(Key.of("genunix`setrun")), 5, null, false);
        assertEquals("                          genunix`setrun          5\n",
                AggregationPrinter.row(row, 1, PrintfFormat.parse("%40s %10@d\n")));
        assertEquals("5 genunix`setrun\n", AggregationPrinter.row(row, 1, PrintfFormat.parse("%@d %s\n")));
    }

    @Test
    void aStackKeyIsPrintedAsUstackPrintsItWithTheValueOnALineOfItsOwn() {
        // dtrace's dt_print_aggs: each key by dt_print_datum (a stack: a newline, then the
        // frames indented by 14, each ending its line), then " %16lld", then a newline
        String frames = "\n" + " ".repeat(14) + "libc.so.6`write+0x10\n" + " ".repeat(14) + "java`main+0x2c\n";
        Row row = new Row(List.of(Key.stack(frames)), 17, null, false);
        assertEquals(frames + " ".repeat(15) + "17\n", AggregationPrinter.row(row, 1));
        Row keyed = new Row(List.of(Key.of("read"), Key.stack(frames)), 3, null, false);
        assertEquals("  read" + " ".repeat(46) + frames + " ".repeat(16) + "3\n", AggregationPrinter.row(keyed, 1));
        assertEquals(frames + " 17\n", AggregationPrinter.row(row, 1, PrintfFormat.parse("%k %@d\n")));
    }

    @Test
    void truncKeepsTheLargestOrWithANegativeCountTheSmallest() {
        List<Row> sorted = AggregationPrinter.sorted(List.of(
                new Row(List.of(Key.of(1, 4)), 30, null, false),
                new Row(List.of(Key.of(2, 4)), 10, null, false),
                new Row(List.of(Key.of(3, 4)), 20, null, false)));
        assertEquals(List.of(20L, 30L), values(AggregationPrinter.truncated(sorted, 2)));
        assertEquals(List.of(10L), values(AggregationPrinter.truncated(sorted, -1)));
        assertEquals(List.of(10L, 20L, 30L), values(AggregationPrinter.truncated(sorted, 5)));
        assertEquals(List.of(), values(AggregationPrinter.truncated(sorted, 0)));
    }

    private static List<Long> values(List<Row> rows) {
        return rows.stream().map(Row::value).collect(java.util.stream.Collectors.toList());
    }

    /** The aggsort options, as libdtrace's dt_aggregate.c compares rows. */
    @Test
    void sortOptionsOrderRowsAsDTraceDoes() {
        List<Row> rows = List.of(row("b", 1, 5), row("a", 2, 7), row("c", 0, 6), row("a", 1, 6));
        assertEquals(List.of("b1", "a1", "c0", "a2"), names(AggregationPrinter.sorted(rows))); // value, then key
        assertEquals(List.of("a1", "a2", "b1", "c0"),
                names(AggregationPrinter.sorted(rows, new AggregationPrinter.Sorting(true, false, 0, 0))));
        assertEquals(List.of("a2", "c0", "a1", "b1"),
                names(AggregationPrinter.sorted(rows, new AggregationPrinter.Sorting(false, true, 0, 0))));
        // aggsortkeypos=1: the second key first, then the first
        assertEquals(List.of("c0", "a1", "b1", "a2"),
                names(AggregationPrinter.sorted(rows, new AggregationPrinter.Sorting(true, false, 1, 0))));
        // a position past the last key is the first key, as dtrace reads it
        assertEquals(List.of("a1", "a2", "b1", "c0"),
                names(AggregationPrinter.sorted(rows, new AggregationPrinter.Sorting(true, false, 5, 0))));
    }

    /** aggsortpos: a printa of several aggregations sorted by the values of the one at that position. */
    @Test
    void aggsortposPicksWhichAggregationsValueSortsAJoinedPrinta() {
        List<Row> counts = List.of(new Row(List.of(Key.of("read")), 1, null, false), new Row(List.of(Key.of("write")), 2, null, false));
        List<Row> bytes = List.of(new Row(List.of(Key.of("read")), 900, null, false), new Row(List.of(Key.of("write")), 100, null, false));
        String byCounts = AggregationPrinter.joined(List.of(counts, bytes), List.of(1L, 1L), null);
        String byBytes = AggregationPrinter.joined(List.of(counts, bytes), List.of(1L, 1L), null,
                new AggregationPrinter.Sorting(false, false, 0, 1));
        assertTrue(byCounts.indexOf("read") < byCounts.indexOf("write"), byCounts);
        assertTrue(byBytes.indexOf("write") < byBytes.indexOf("read"), byBytes);
    }

    private static Row row(String name, long second, long value) {
        return new Row(List.of(Key.of(name), Key.of(second, 4)), value, null, false);
    }

    private static List<String> names(List<Row> rows) {
        return rows.stream().map(r -> r.keys().get(0).text() + r.keys().get(1).number()).toList();
    }
}
