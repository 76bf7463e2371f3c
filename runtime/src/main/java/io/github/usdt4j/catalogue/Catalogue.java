package io.github.usdt4j.catalogue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A provider's probe catalogue: every spelling of each probe's name, its Java method and its
 * arguments. The processor writes it ({@link #format()}) beside the provider file, the glue
 * embeds the same text in the library's {@code .usdt4j.catalogue} section, and {@code list},
 * the plugin and the D front-end read it ({@link #parse(String)}). Plain tab-separated text, so
 * reading it needs no library:
 *
 * <pre>
 * # usdt4j probe catalogue
 * provider        libmtev
 * interface       com.example.Libmtev
 * implementation  com.example.Usdt4j_Libmtev
 * build-id        3f2a…
 * # probe  name  elf-name  java-method  arguments (D type|D name|Java type|Java name, '; ' between)
 * probe   eventer-read-entry  eventer__read__entry  eventerReadEntry  int|fd|int|fd; char *|buf|java.lang.String|buf
 * </pre>
 *
 * @param provider the provider name
 * @param interfaceName the provider interface's canonical name
 * @param implementation the generated implementation's binary name
 * @param buildId the identity of the generated sources, which the library and the class share
 * @param probes the probes in declaration order
 */
public record Catalogue(String provider, String interfaceName, String implementation, String buildId, List<Probe> probes) {
    private static final String UNKNOWN = "?";

    public Catalogue {
        probes = List.copyOf(probes);
    }

    /** One probe: its names ({@code eventer-read-entry}, {@code eventer__read__entry}) and its arguments. */
    public record Probe(String name, String elfName, String javaMethod, List<Argument> arguments) {
        public Probe {
            arguments = List.copyOf(arguments);
        }

        /** The probe as the provider's {@code .d} file declares it, without {@code probe} and {@code ;}. */
        public String dDeclaration() {
            return elfName + "(" + arguments.stream()
                    .map(a -> ProbeNames.dParameter(a.dType(), a.dName()))
                    .collect(Collectors.joining(", ")) + ")";
        }

        /** The probe's method as its interface declares it, less the return type: {@code log(String facility, int line)}. */
        public String javaSignature() {
            return javaMethod + "(" + arguments.stream()
                    .map(a -> ProbeNames.simpleJavaType(a.javaType()) + " " + a.javaName())
                    .collect(Collectors.joining(", ")) + ")";
        }
    }

    /** One argument: its D type and name, its Java type and name. */
    public record Argument(String dType, String dName, String javaType, String javaName) {}

    /** The catalogue's text, as the processor writes it and {@link #parse(String)} reads it. */
    public String format() {
        StringBuilder out = new StringBuilder()
                .append("# usdt4j probe catalogue\n")
                .append("provider\t").append(provider).append('\n')
                .append("interface\t").append(interfaceName).append('\n')
                .append("implementation\t").append(implementation).append('\n')
                .append(GeneratedLayout.catalogueBuildIdLine(buildId))
                .append("# probe\tname\telf-name\tjava-method\targuments (D type|D name|Java type|Java name, '; ' between)\n");
        for (Probe probe : probes) {
            out.append("probe\t").append(probe.name())
                    .append('\t').append(probe.elfName())
                    .append('\t').append(probe.javaMethod())
                    .append('\t').append(probe.arguments().stream()
                            .map(a -> a.dType() + "|" + a.dName() + "|" + a.javaType() + "|" + a.javaName())
                            .collect(Collectors.joining("; ")))
                    .append('\n');
        }
        return out.toString();
    }

    /**
     * Reads a catalogue. Lines it does not know are skipped and missing fields read as
     * {@code ?}, so a later version's catalogue, or a damaged one, still lists what it can.
     */
    public static Catalogue parse(String text) {
        String provider = UNKNOWN;
        String interfaceName = UNKNOWN;
        String implementation = UNKNOWN;
        String buildId = UNKNOWN;
        List<Probe> probes = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] fields = line.split("\t", -1);
            switch (fields[0]) {
                case "provider" -> provider = field(fields, 1);
                case "interface" -> interfaceName = field(fields, 1);
                case "implementation" -> implementation = field(fields, 1);
                case GeneratedLayout.CATALOGUE_BUILD_ID -> buildId = field(fields, 1);
                case "probe" -> probes.add(new Probe(field(fields, 1), field(fields, 2), field(fields, 3),
                        arguments(fields.length > 4 ? fields[4] : "")));
                default -> {
                    // comments and fields a later version may add
                }
            }
        }
        return new Catalogue(provider, interfaceName, implementation, buildId, probes);
    }

    /** For a library without a catalogue: the probes its ELF notes name, arguments unknown. */
    public static Catalogue ofNotes(String provider, List<String> elfNames) {
        List<Probe> probes = new ArrayList<>();
        for (String elfName : elfNames) {
            probes.add(new Probe(ProbeNames.probeName(elfName), elfName, UNKNOWN, List.of()));
        }
        return new Catalogue(provider, UNKNOWN, UNKNOWN, UNKNOWN, probes);
    }

    private static String field(String[] fields, int index) {
        return index < fields.length && !fields[index].isEmpty() ? fields[index] : UNKNOWN;
    }

    private static List<Argument> arguments(String field) {
        List<Argument> arguments = new ArrayList<>();
        if (field.isBlank()) {
            return arguments;
        }
        for (String argument : field.split("; ")) {
            String[] parts = argument.split("\\|", -1);
            if (parts.length == 4) {
                arguments.add(new Argument(parts[0], parts[1], parts[2], parts[3]));
            } else {
                arguments.add(new Argument(argument, "", UNKNOWN, "")); // a format this version does not know
            }
        }
        return arguments;
    }
}
