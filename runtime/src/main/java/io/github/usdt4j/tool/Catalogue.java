package io.github.usdt4j.tool;

import java.util.ArrayList;
import java.util.List;

/**
 * A provider's probe catalogue, as the processor writes it (tab-separated lines) and the glue
 * embeds it in the library's {@code .usdt4j.catalogue} section.
 */
public record Catalogue(String provider, String interfaceName, String buildId, List<Probe> probes) {

    /** One probe: its names ({@code eventer-read-entry}, {@code eventer__read__entry}) and its arguments. */
    public record Probe(String name, String elfName, String javaMethod, List<Argument> arguments) {
        /** The probe as the provider's {@code .d} file declares it, without {@code probe} and {@code ;}. */
        public String dDeclaration() {
            List<String> parts = new ArrayList<>();
            for (Argument a : arguments) {
                parts.add(a.dType().endsWith("*") ? a.dType() + a.dName() : a.dType() + " " + a.dName());
            }
            return elfName + "(" + String.join(", ", parts) + ")";
        }

        String javaSignature() {
            List<String> parts = new ArrayList<>();
            for (Argument a : arguments) {
                parts.add(simple(a.javaType()) + " " + a.javaName());
            }
            return javaMethod + "(" + String.join(", ", parts) + ")";
        }

        private static String simple(String type) {
            return type.startsWith("java.lang.") && type.indexOf('.', 10) < 0 ? type.substring(10) : type;
        }
    }

    /** One argument: its D type and name, its Java type and name. */
    public record Argument(String dType, String dName, String javaType, String javaName) {}

    /** Reads a catalogue; lines it does not know are skipped, so later versions stay readable. */
    public static Catalogue parse(String text) {
        String provider = "?";
        String interfaceName = "?";
        String buildId = "?";
        List<Probe> probes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] fields = line.split("\t");
            switch (fields[0]) {
                case "provider":
                    provider = fields[1];
                    break;
                case "interface":
                    interfaceName = fields[1];
                    break;
                case "build-id":
                    buildId = fields[1];
                    break;
                case "probe":
                    probes.add(new Probe(fields[1], fields[2], fields[3], arguments(fields.length > 4 ? fields[4] : "")));
                    break;
                default:
                    break; // comments and fields a later version may add
            }
        }
        return new Catalogue(provider, interfaceName, buildId, probes);
    }

    private static List<Argument> arguments(String field) {
        List<Argument> arguments = new ArrayList<>();
        if (field.isBlank()) {
            return arguments;
        }
        for (String argument : field.split("; ")) {
            String[] parts = argument.split("\\|");
            if (parts.length == 4) {
                arguments.add(new Argument(parts[0], parts[1], parts[2], parts[3]));
            } else {
                arguments.add(new Argument(argument, "", "?", "")); // a format this version does not know
            }
        }
        return arguments;
    }
}
