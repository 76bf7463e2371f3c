package io.github.usdt4j.dtrace.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.BinaryOperator;
import java.util.function.Function;

/**
 * Reads the data of one of bpftrace's map lines ({@code {"@name": {"key": value, …}}}) and
 * merges keys that come twice. bpftrace 0.17 leaves stale bytes after the NUL of some strings
 * it builds (the result of a {@code ?:} between string literals, for one), so two entries of
 * one D key can differ there and print as the same key twice; a plain JSON tree would keep
 * only the last.
 */
final class MapLines {
    private MapLines() {}

    /**
     * {@code data}'s object, read from {@code parser} positioned at its START_OBJECT;
     * {@code merges} gives, by map name, how two values of one key combine.
     */
    static ObjectNode read(JsonParser parser, ObjectMapper json, Function<String, BinaryOperator<JsonNode>> merges)
            throws IOException {
        ObjectNode data = json.createObjectNode();
        expect(parser.currentToken(), JsonToken.START_OBJECT);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String map = parser.currentName();
            JsonToken value = parser.nextToken();
            if (value != JsonToken.START_OBJECT) {
                data.set(map, json.readTree(parser)); // a map without keys: its value alone
                continue;
            }
            BinaryOperator<JsonNode> merge = merges.apply(map);
            ObjectNode entries = json.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                parser.nextToken();
                JsonNode entry = json.readTree(parser);
                JsonNode before = entries.get(key);
                entries.set(key, before == null ? entry : merge.apply(before, entry));
            }
            data.set(map, entries);
        }
        return data;
    }

    private static void expect(JsonToken token, JsonToken wanted) throws IOException {
        if (token != wanted) {
            throw new IOException("expected " + wanted + ", found " + token);
        }
    }
}
