package io.github.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One small bad input per error: the message, the line it points at, and the error count. */
class CompileErrorsTest {
    private static final String IMPORTS = "package t;\n"
            + "import io.github.usdt4j.*;\n";

    @Test
    void providerOnAClass() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\nclass P {}\n",
                Messages.notAnInterface("a class"), "@Provider(\"p\")");
    }

    @Test
    void invalidProviderName() {
        assertOnlyError(IMPORTS + "@Provider(\"my-app\")\ninterface P { @Probe void a(); }\n",
                Messages.invalidProviderName("my-app"), "@Provider(\"my-app\")");
    }

    @Test
    void providerNameEndingWithADigit() {
        assertOnlyError(IMPORTS + "@Provider(\"app2\")\ninterface P { @Probe void a(); }\n",
                Messages.providerNameEndsWithDigit("app2"), "@Provider(\"app2\")");
    }

    @Test
    void providerNameTooLong() {
        String name = "p".repeat(54);
        assertOnlyError(IMPORTS + "@Provider(\"" + name + "\")\ninterface P { @Probe void a(); }\n",
                Messages.providerNameTooLong(name), "@Provider(\"" + name + "\")");
    }

    @Test
    void invalidProbeName() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe(\"eventer read entry\")\n  void a();\n}\n",
                Messages.invalidProbeName("eventer read entry"), "@Probe(\"eventer read entry\")");
    }

    @Test
    void duplicateProbeNames() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe(\"cache-miss\") void a();\n"
                        + "  @Probe void cacheMiss();\n}\n",
                Messages.duplicateProbe("cache-miss", "a"), "@Probe void cacheMiss();");
    }

    @Test
    void probeNamesThatDifferOnlyInDashAgainstUnderscore() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe(\"cache-miss\") void a();\n"
                        + "  @Probe(\"cache_miss\") void b();\n}\n",
                Messages.probeNamesTooAlike("cache_miss", "cache-miss"), "@Probe(\"cache_miss\")");
    }

    @Test
    void probeReturningAValue() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe int a();\n}\n",
                Messages.probeReturnsValue("int"), "@Probe int a();");
    }

    @Test
    void genericProbe() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe <T> void a(String s);\n}\n",
                Messages.genericProbe(), "<T> void a");
    }

    @Test
    void tooManyArguments() {
        String params = java.util.stream.IntStream.rangeClosed(1, 13).mapToObj(i -> "int a" + i)
                .collect(Collectors.joining(", "));
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void wide(" + params + ");\n}\n",
                Messages.tooManyArguments(13), "void wide(");
    }

    @Test
    void moreThanSixArgumentsIsAWarningOnly() {
        Compilation compilation = Compilation.compile("t/P.java", IMPORTS + "@Provider(\"p\")\ninterface P {\n"
                + "  @Probe void seven(int a, int b, int c, int d, int e, int f, int g);\n}\n");
        assertTrue(compilation.success, () -> compilation.diagnostics.toString());
        List<String> warnings = messages(compilation.warnings());
        assertTrue(warnings.contains(Messages.wideProbe(7)), () -> warnings.toString());
    }

    @Test
    void doubleArgument() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(double ratio);\n}\n",
                Messages.floatingPoint("double"), "double ratio");
    }

    @Test
    void pointerTypeOnAnInt() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(@DType(\"void *\") int p);\n}\n",
                Messages.badDType("a pointer needs 64 bits; declare the parameter long"), "@DType(\"void *\")");
    }

    @Test
    void charPointerOnANumber() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(@DType(\"char *\") long p);\n}\n",
                Messages.badDType("\"char *\" is a string, but the parameter is a number; pass a String, or declare"
                        + " a number type such as \"int64_t\""), "@DType(\"char *\")");
    }

    @Test
    void abstractMethodWithoutProbe() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  void forgotten(int x);\n}\n",
                Messages.missingProbeAnnotation(), "void forgotten");
    }

    @Test
    void enabledCheckOfAnUnknownProbe() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a();\n  @Enabled(\"b\") boolean bOn();\n}\n",
                Messages.enabledUnknownProbe("b"), "@Enabled(\"b\")");
    }

    @Test
    void unknownStabilityLevel() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\n@Stability(name = \"Solid/Evolving/ISA\")\n"
                        + "interface P { @Probe void a(); }\n",
                Messages.badStability("name", "Solid/Evolving/ISA", "has \"Solid\", which is not a stability level"
                        + " (one of Internal, Private, Obsolete, External, Unstable, Evolving, Stable, Standard)"),
                "@Stability(name = \"Solid/Evolving/ISA\")");
    }

    @Test
    void privateInterface() {
        assertOnlyError(IMPORTS + "class Outer {\n  @Provider(\"p\")\n  private interface P { @Probe void a(); }\n}\n",
                Messages.privateInterface(), "private interface P");
    }

    @Test
    void genericInterface() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P<T> { @Probe void a(); }\n",
                Messages.genericInterface(), "interface P<T>");
    }

    @Test
    void derivedProbeNameThatIsInvalid() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void cache__miss();\n}\n",
                Messages.invalidDerivedProbeName("cache__miss", "cache__miss"), "@Probe void cache__miss();");
    }

    @Test
    void probeNameTooLong() {
        String name = "a".repeat(64);
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe(\"" + name + "\")\n  void a();\n}\n",
                Messages.probeNameTooLong(name), "@Probe(\"" + name + "\")");
    }

    @Test
    void derivedProbeNameTooLong() {
        // each dash becomes two underscores in the ELF note: 22 words of 2 letters are 65 bytes there
        String method = "ab" + "Cd".repeat(21);
        String name = "ab" + "-cd".repeat(21);
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void " + method + "();\n}\n",
                Messages.probeNameTooLong(name), "@Probe void " + method);
    }

    @Test
    void probeThatThrows() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a() throws Exception;\n}\n",
                Messages.probeThrows(), "@Probe void a() throws Exception;");
    }

    @Test
    void varargsProbe() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(int... values);\n}\n",
                Messages.varargsProbe(), "@Probe void a(int... values);");
    }

    @Test
    void arrayArgument() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(byte[] payload);\n}\n",
                Messages.unsupportedType("byte[]"), "byte[] payload");
    }

    @Test
    void stringLimitOutOfRange() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(@DType(maxBytes = 0) String s);\n}\n",
                Messages.maxBytesOutOfRange(0), "maxBytes = 0");
        assertOnlyError(IMPORTS + "@Provider(value = \"p\", maxStringBytes = 100000)\ninterface P {\n  @Probe void a(String s);\n}\n",
                Messages.maxBytesOutOfRange(100000), "maxStringBytes = 100000");
    }

    @Test
    void parameterNameThatCannotBeADName() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(int count,\n      int cost$);\n}\n",
                Messages.parameterNameNotInD("cost$"), "int cost$");
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(int count,\n      int größe);\n}\n",
                Messages.parameterNameNotInD("größe"), "int größe");
    }

    @Test
    void parametersThatBecomeTheSameDName() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(String self,\n      String self_);\n}\n",
                Messages.parameterNamesCollide("self", "self_", "self_"), "String self_");
    }

    @Test
    void stringLimitOnANumber() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a(@DType(maxBytes = 16) int n);\n}\n",
                Messages.maxBytesOnNumber(), "maxBytes = 16");
    }

    @Test
    void probeAndEnabledOnOneMethod() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a();\n  @Probe @Enabled(\"a\")\n  boolean b();\n}\n",
                Messages.bothAnnotations(), "boolean b();");
    }

    @Test
    void enabledCheckWithAWrongSignature() {
        assertOnlyError(IMPORTS + "@Provider(\"p\")\ninterface P {\n  @Probe void a();\n  @Enabled(\"a\")\n  boolean aOn(int x);\n}\n",
                Messages.enabledSignature(), "boolean aOn(int x);");
    }

    @Test
    void sameProviderNameTwiceInOneCompilation() {
        Compilation compilation = Compilation.compile(Map.of(
                "t/A.java", IMPORTS + "@Provider(\"shop\")\ninterface A { @Probe void a(); }\n",
                "t/B.java", IMPORTS + "@Provider(\"shop\")\ninterface B { @Probe void b(); }\n"));
        assertEquals(List.of(Messages.duplicateProvider("shop", "t.A")), messages(compilation.errors()));
    }

    @Test
    void everyErrorOfAnInterfaceIsReported() {
        Compilation compilation = Compilation.compile("t/P.java", IMPORTS + "@Provider(\"p\")\ninterface P {\n"
                + "  @Probe int a();\n"
                + "  @Probe void b(float f);\n"
                + "  @Probe(\"bad name\") void c();\n}\n");
        assertEquals(3, compilation.errors().size(), () -> compilation.diagnostics.toString());
    }

    @Test
    void nothingIsGeneratedForAnInterfaceWithAnError() {
        Compilation compilation = Compilation.compile("t/P.java", IMPORTS + "@Provider(\"p\")\ninterface P {\n"
                + "  @Probe void good(int x);\n"
                + "  @Probe void bad(double d);\n}\n");
        assertEquals(1, compilation.errors().size(), () -> compilation.diagnostics.toString());
        assertEquals(Map.of(), compilation.outputs, "no partial implementation, no .d, no glue");
    }

    @Test
    void helpersAreNotProbes() {
        Compilation compilation = Compilation.compile("t/P.java", IMPORTS + "@Provider(\"p\")\ninterface P {\n"
                + "  @Probe void a(int x);\n"
                + "  default void a() { a(0); }\n"
                + "  static P get() { return Providers.get(P.class); }\n}\n");
        assertTrue(compilation.success, () -> compilation.diagnostics.toString());
        String d = compilation.outputs.get("META-INF/usdt4j/t.Usdt4j_P/p.d");
        assertEquals(1, d.lines().filter(l -> l.contains("probe ")).count(), d);
    }

    private static void assertOnlyError(String source, String message, String lineContaining) {
        Compilation compilation = Compilation.compile("t/P.java", source);
        List<Diagnostic<? extends JavaFileObject>> errors = compilation.errors();
        assertEquals(List.of(message), messages(errors), "errors");
        long expectedLine = lineOf(source, lineContaining);
        assertEquals(expectedLine, errors.get(0).getLineNumber(), "line of the error");
        assertTrue(errors.get(0).getSource().getName().endsWith("t/P.java"), "file of the error");
    }

    private static long lineOf(String source, String text) {
        List<String> lines = source.lines().collect(Collectors.toList());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line contains " + text);
    }

    private static List<String> messages(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream().map(d -> d.getMessage(null)).collect(Collectors.toList());
    }
}
