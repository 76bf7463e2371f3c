package io.github.usdt4j.processor;

import com.google.auto.service.AutoService;
import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.processor.model.ProviderModel;
import io.github.usdt4j.processor.writer.CGlueWriter;
import io.github.usdt4j.processor.writer.CatalogueWriter;
import io.github.usdt4j.processor.writer.DProviderWriter;
import io.github.usdt4j.processor.writer.JavaImplementationWriter;
import io.github.usdt4j.processor.writer.MarkdownWriter;
import io.github.usdt4j.processor.writer.TraceScriptWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The usdt4j annotation processor. For each {@code @Provider} interface it
 *
 * <ol>
 *   <li>reads the interface into a {@link ProviderModel} ({@link ModelReader}),
 *   <li>checks it against the rules of D, {@code sys/sdt.h} and the tracers ({@link Validator}),
 *   <li>writes the Java implementation into the generated sources, and the D provider file, the
 *       JNI glue and the probe catalogue into {@code META-INF/usdt4j/<implementation>/} of the
 *       class output, where the {@code usdt4j-maven-plugin}'s {@code link} goal finds them,
 *       with the companions for users: a Markdown page, a bpftrace script and a DTrace script.
 * </ol>
 *
 * <p>Errors are reported on the element (and annotation value) they concern, all of them in
 * one compile. No exception reaches javac: a bug in here becomes an error on the interface.
 */
@AutoService(Processor.class)
public final class ProviderProcessor extends AbstractProcessor {
    private Reporter reporter;
    private ModelReader reader;
    private Validator validator;
    /** Whether the build's link step has been looked for; once per compile is enough. */
    private boolean linkStepChecked;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        reporter = new Reporter(env.getMessager());
        reader = new ModelReader(env, reporter);
        validator = new Validator(reporter);
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of(Annotations.PROVIDER, Annotations.PROBE, Annotations.DTYPE, Annotations.ENABLED,
                Annotations.STABILITY);
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(LinkStepCheck.OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        TypeElement provider = processingEnv.getElementUtils().getTypeElement(Annotations.PROVIDER);
        if (provider == null) {
            return false;
        }
        // Sorted, so the same sources give the same diagnostics and outputs in the same order.
        List<Element> elements = round.getElementsAnnotatedWith(provider).stream()
                .sorted(Comparator.comparing(Element::toString))
                .collect(Collectors.toList());
        for (Element element : elements) {
            try {
                int errorsBefore = reporter.errorCount();
                Optional<ProviderModel> model = reader.read(element);
                boolean valid = model.isPresent() && validator.validate(model.get());
                // Nothing is written for an interface with any error: a partial implementation
                // would only add errors of its own to the ones that matter.
                if (valid && reporter.errorCount() == errorsBefore) {
                    write(model.get());
                }
            } catch (RuntimeException | IOException | LinkageError e) {
                reporter.error(Messages.internalError(element.toString(), e), element);
            }
        }
        return false;
    }

    private void write(ProviderModel provider) throws IOException {
        Filer filer = processingEnv.getFiler();
        JavaImplementationWriter.write(provider).writeTo(filer);
        String folder = GeneratedLayout.resourceFolder(provider.implementationBinaryName()) + "/";
        writeResource(filer, provider, folder + DProviderWriter.fileName(provider), DProviderWriter.write(provider));
        writeResource(filer, provider, folder + CGlueWriter.fileName(provider), CGlueWriter.write(provider));
        FileObject catalogue = writeResource(filer, provider, folder + CatalogueWriter.fileName(provider),
                CatalogueWriter.write(provider));
        writeResource(filer, provider, folder + MarkdownWriter.fileName(provider), MarkdownWriter.write(provider));
        writeResource(filer, provider, folder + TraceScriptWriter.bpftraceFileName(provider),
                TraceScriptWriter.bpftrace(provider));
        writeResource(filer, provider, folder + TraceScriptWriter.dtraceFileName(provider),
                TraceScriptWriter.dtrace(provider));
        checkLinkStep(provider, catalogue);
    }

    private void checkLinkStep(ProviderModel provider, FileObject written) {
        if (linkStepChecked || "false".equals(processingEnv.getOptions().get(LinkStepCheck.OPTION))) {
            return;
        }
        linkStepChecked = true;
        LinkStepCheck.pomWithoutLinkStep(written.toUri()).ifPresent(pom ->
                reporter.warning(Messages.noLinkStep(provider.name(), pom.toString()), provider.element()));
    }

    /**
     * Writes a generated resource as UTF-8, whatever javac's source encoding: the tools that read
     * these files (dtrace, cc, the listing) read UTF-8, and openWriter's encoding is the
     * platform's under JDK 17's {@code LANG=C}, where every non-ASCII character became '?'.
     */
    private static FileObject writeResource(Filer filer, ProviderModel provider, String path, String content)
            throws IOException {
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", path, provider.element());
        try (Writer writer = new java.io.OutputStreamWriter(file.openOutputStream(), java.nio.charset.StandardCharsets.UTF_8)) {
            writer.write(content);
        }
        return file;
    }
}
