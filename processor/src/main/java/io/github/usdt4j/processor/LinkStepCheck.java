package io.github.usdt4j.processor;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells a Maven build that compiles providers but never links them: without the plugin's
 * {@code link} goal the jar has no library and every probe is a no-op at run time, which
 * nothing else would say until someone tries to trace. The processor cannot see the build,
 * so it reads the project's {@code pom.xml}, and the parents it names by relative path, for
 * the plugin; a build it cannot read (not Maven, a parent from a repository) is left alone.
 */
final class LinkStepCheck {
    /** The processor option that turns the check off, for builds that link some other way. */
    static final String OPTION = "usdt4j.linkCheck";
    static final String PLUGIN = "usdt4j-maven-plugin";
    private static final Pattern PARENT = Pattern.compile("<parent>(.*?)</parent>", Pattern.DOTALL);
    private static final Pattern RELATIVE_PATH = Pattern.compile("<relativePath>\\s*([^<]*?)\\s*</relativePath>");
    private static final Pattern RELATIVE_PATH_EMPTY = Pattern.compile("<relativePath\\s*/>");
    private static final int MAX_PARENTS = 10;

    private LinkStepCheck() {}

    /**
     * The pom of the project whose class output holds {@code resource}, if that project runs
     * no link step; empty when it does or when the build is not one we can read.
     */
    static Optional<Path> pomWithoutLinkStep(URI resource) {
        if (!"file".equals(resource.getScheme())) {
            return Optional.empty(); // an in-memory compile, as in an IDE's or a test's
        }
        Path project = Path.of(resource).getParent();
        while (project != null && !Files.isRegularFile(project.resolve("pom.xml"))) {
            project = project.getParent();
        }
        if (project == null) {
            return Optional.empty();
        }
        Path pom = project.resolve("pom.xml");
        try {
            Path current = pom;
            for (int depth = 0; depth < MAX_PARENTS; depth++) {
                String text = Files.readString(current, StandardCharsets.UTF_8);
                if (text.contains(PLUGIN)) {
                    return Optional.empty();
                }
                Optional<Path> parent = parentPom(current, text);
                if (parent.isEmpty()) {
                    // No parent, or one from a repository that may declare the plugin: say
                    // something only when every pom of the build has been read.
                    return PARENT.matcher(text).find() ? Optional.empty() : Optional.of(pom);
                }
                current = parent.get();
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // cannot read it: no grounds for a warning
        }
    }

    /** The parent pom on disk, by {@code <relativePath>} or Maven's default {@code ../pom.xml}. */
    private static Optional<Path> parentPom(Path pom, String text) {
        Matcher parent = PARENT.matcher(text);
        if (!parent.find() || RELATIVE_PATH_EMPTY.matcher(parent.group(1)).find()) {
            return Optional.empty();
        }
        Matcher relative = RELATIVE_PATH.matcher(parent.group(1));
        Path path = pom.getParent().resolve(relative.find() ? relative.group(1) : "../pom.xml").normalize();
        if (Files.isDirectory(path)) {
            path = path.resolve("pom.xml");
        }
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }
}
