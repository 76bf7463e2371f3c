package io.github.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/**
 * Gradle compiles incrementally around a processor that declares itself isolating, and then
 * relies on its promise: every file it writes names exactly one originating element, the
 * annotated type it was generated from. A file that named none, or two, would be kept or
 * deleted wrongly when one of two providers changes.
 */
class GradleIncrementalTest {
    private static final String DECLARATION = "META-INF/gradle/incremental.annotation.processors";

    @Test
    void theProcessorDeclaresItselfIsolating() throws IOException {
        try (InputStream in = ProviderProcessor.class.getClassLoader().getResourceAsStream(DECLARATION)) {
            assertTrue(in != null, DECLARATION + " is missing from the processor's jar");
            assertEquals(ProviderProcessor.class.getName() + ",isolating\n",
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void everyFileItWritesNamesTheOneInterfaceItComesFrom() {
        List<String> written = new ArrayList<>();
        Compilation compilation = Compilation.compile(Map.of(
                "shop/Orders.java", "package shop;\n@io.github.usdt4j.Provider(\"orders\")\n"
                        + "public interface Orders { @io.github.usdt4j.Probe void placed(int id); }\n",
                "shop/Payments.java", "package shop;\n@io.github.usdt4j.Provider(\"payments\")\n"
                        + "public interface Payments { @io.github.usdt4j.Probe void taken(long cents); }\n"),
                new RecordingOriginatingElements(written));
        assertTrue(compilation.success, compilation.diagnostics.toString());
        assertEquals(compilation.outputs.size(), written.size(), written.toString());
        for (String file : written) {
            String[] parts = file.split(" <- ");
            String origin = parts.length == 2 ? parts[1] : "";
            assertTrue(origin.equals("shop.Orders") || origin.equals("shop.Payments"), file);
            assertTrue(parts[0].contains(origin.replace("shop.", "Usdt4j_")), file);
        }
    }

    /** The provider processor, with a Filer that notes each file's originating elements. */
    private static final class RecordingOriginatingElements extends AbstractProcessor {
        private final ProviderProcessor processor = new ProviderProcessor();
        private final List<String> written;

        RecordingOriginatingElements(List<String> written) {
            this.written = written;
        }

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            Filer filer = env.getFiler();
            Filer recording = (Filer) Proxy.newProxyInstance(Filer.class.getClassLoader(), new Class<?>[] {Filer.class},
                    (proxy, method, args) -> {
                        Element[] origins = (Element[]) args[args.length - 1];
                        String name = method.getName().equals("createResource") ? args[2].toString() : args[0].toString();
                        written.add(name + " <- " + String.join(" <- ", Arrays.stream(origins).map(Element::toString).toList()));
                        return invoke(filer, method, args);
                    });
            processor.init((ProcessingEnvironment) Proxy.newProxyInstance(ProcessingEnvironment.class.getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class},
                    (proxy, method, args) -> method.getName().equals("getFiler") ? recording : invoke(env, method, args)));
        }

        private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return processor.getSupportedAnnotationTypes();
        }

        @Override
        public Set<String> getSupportedOptions() {
            return processor.getSupportedOptions();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return processor.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return processor.process(annotations, round);
        }
    }
}
