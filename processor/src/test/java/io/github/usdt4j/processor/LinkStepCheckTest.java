package io.github.usdt4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which Maven builds are told that nothing links their providers. */
class LinkStepCheckTest {
    private static final String PLUGIN = "<build><plugins><plugin><groupId>io.github.usdt4j</groupId>"
            + "<artifactId>usdt4j-maven-plugin</artifactId></plugin></plugins></build>";

    @TempDir
    Path temp;

    @Test
    void aPomWithoutThePluginIsNamed() throws Exception {
        Path pom = write("app/pom.xml", "<project><artifactId>app</artifactId></project>");
        assertEquals(Optional.of(pom), check("app"));
    }

    @Test
    void aPomWithThePluginIsLeftAlone() throws Exception {
        write("app/pom.xml", "<project><artifactId>app</artifactId>" + PLUGIN + "</project>");
        assertEquals(Optional.empty(), check("app"));
    }

    @Test
    void thePluginInTheParentOnDiskCounts() throws Exception {
        write("pom.xml", "<project><artifactId>parent</artifactId>" + PLUGIN + "</project>");
        write("app/pom.xml", "<project><parent><artifactId>parent</artifactId></parent></project>");
        assertEquals(Optional.empty(), check("app"));
    }

    @Test
    void aParentNamedByRelativePathIsFollowed() throws Exception {
        write("build/parent/pom.xml", "<project><artifactId>parent</artifactId>" + PLUGIN + "</project>");
        Path pom = write("modules/app/pom.xml", "<project><parent><artifactId>parent</artifactId>"
                + "<relativePath>../../build/parent</relativePath></parent></project>");
        assertEquals(Optional.empty(), check("modules/app"));

        write("build/parent/pom.xml", "<project><artifactId>parent</artifactId></project>");
        assertEquals(Optional.of(pom), check("modules/app"), "no pom of the chain has it");
    }

    @Test
    void aParentFromARepositoryMayHaveItSoNothingIsSaid() throws Exception {
        write("app/pom.xml", "<project><parent><artifactId>corporate-parent</artifactId>"
                + "<relativePath/></parent></project>");
        assertEquals(Optional.empty(), check("app"));
        write("other/pom.xml", "<project><parent><artifactId>not-on-disk</artifactId>"
                + "<relativePath>../missing</relativePath></parent></project>");
        assertEquals(Optional.empty(), check("other"));
    }

    @Test
    void buildsThatAreNotMavenAreLeftAlone() throws Exception {
        Files.createDirectories(temp.resolve("gradle/build/classes/java/main"));
        assertEquals(Optional.empty(), LinkStepCheck.pomWithoutLinkStep(
                temp.resolve("gradle/build/classes/java/main/META-INF/usdt4j/x/x.catalogue").toUri()));
        assertEquals(Optional.empty(), LinkStepCheck.pomWithoutLinkStep(URI.create("mem:///META-INF/usdt4j/x/x.catalogue")));
    }

    private Optional<Path> check(String project) {
        return LinkStepCheck.pomWithoutLinkStep(
                temp.resolve(project).resolve("target/classes/META-INF/usdt4j/a.Usdt4j_B/b.catalogue").toUri());
    }

    private Path write(String path, String text) throws Exception {
        Path file = temp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }
}
