package io.github.usdt4j.dtrace.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.LongNode;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;

class MapLinesTest {
    private final ObjectMapper json = new ObjectMapper();

    private JsonNode read(String data, BinaryOperator<JsonNode> merge) throws Exception {
        try (JsonParser parser = json.getFactory().createParser(data)) {
            parser.nextToken();
            return MapLines.read(parser, json, name -> merge);
        }
    }

    /** What bpftrace 0.17 printed for @[arg0 ? "full" : "not full"] = count() after three full collections. */
    @Test
    void aKeyThatComesTwiceIsMergedNotReplaced() throws Exception {
        JsonNode data = read("{\"@collections\": {\"full\": 1, \"full\": 1, \"full\": 1, \"young\": 4}}",
                (a, b) -> LongNode.valueOf(a.asLong() + b.asLong()));
        assertEquals("{\"@collections\":{\"full\":3,\"young\":4}}", data.toString());
    }

    @Test
    void mapsWithoutKeysAndSeveralMapsAreReadWhole() throws Exception {
        JsonNode data = read("{\"@total\": 12, \"@h\": [{\"min\": 1, \"max\": 1, \"count\": 2}]}", (a, b) -> b);
        assertEquals("{\"@total\":12,\"@h\":[{\"min\":1,\"max\":1,\"count\":2}]}", data.toString());
    }
}
