package dev.referent.eval.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Default paths are found from any folder inside the checkout, and the script's property wins. */
class ProjectHomeTest {

    private static final String ROOT_POM = """
            <project>
              <groupId>dev.referent</groupId>
              <artifactId>referent-parent</artifactId>
              <modules><module>m</module></modules>
            </project>
            """;
    private static final String MODULE_POM = """
            <project>
              <parent>
                <groupId>dev.referent</groupId>
                <artifactId>referent-parent</artifactId>
              </parent>
              <artifactId>m</artifactId>
            </project>
            """;

    @Test
    void theNearestAncestorWithTheRootPomNotAModulesPom(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("checkout");
        Path module = root.resolve("m");
        Path deep = module.resolve("src/main");
        Files.createDirectories(deep);
        Files.writeString(root.resolve("pom.xml"), ROOT_POM);
        Files.writeString(module.resolve("pom.xml"), MODULE_POM);
        assertEquals(root, ProjectHome.find(deep));
        assertEquals(root, ProjectHome.find(module));
        assertEquals(root, ProjectHome.find(root));
    }

    @Test
    void outsideAnyCheckoutTheWorkingDirectoryItself(@TempDir Path tmp) throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("a/b"));
        Files.writeString(tmp.resolve("a/pom.xml"), MODULE_POM); // only a module's: not the project's root
        assertEquals(elsewhere, ProjectHome.find(elsewhere));
    }

    @Test
    void fromThisModuleTheCheckoutAndThePropertyWins(@TempDir Path tmp) {
        // the tests run in referent-eval/, one below the root POM
        Path checkout = Path.of("").toAbsolutePath().getParent();
        String before = System.getProperty(ProjectHome.PROPERTY);
        try {
            System.clearProperty(ProjectHome.PROPERTY);
            assertEquals(checkout, ProjectHome.dir());
            assertEquals(checkout.resolve("docs/BENCHMARKS.md"), ProjectHome.resolve("docs/BENCHMARKS.md"));
            assertEquals(Path.of("/abs/x"), ProjectHome.resolve("/abs/x"));
            System.setProperty(ProjectHome.PROPERTY, tmp.toString());
            assertEquals(tmp.resolve("target/feature-cache"), ProjectHome.resolve("target/feature-cache"));
        } finally {
            if (before == null) {
                System.clearProperty(ProjectHome.PROPERTY);
            } else {
                System.setProperty(ProjectHome.PROPERTY, before);
            }
        }
    }

    @Test
    void theDefaultCorporaAreBesideTheHomeNotTheWorkingDirectory(@TempDir Path tmp) {
        String data = System.getProperty(DataPaths.PROPERTY);
        String home = System.getProperty(ProjectHome.PROPERTY);
        try {
            System.clearProperty(DataPaths.PROPERTY);
            System.setProperty(ProjectHome.PROPERTY, tmp.resolve("checkout").toString());
            if (System.getenv(DataPaths.ENVIRONMENT) == null) {
                assertEquals(tmp.resolve("shared/data"), DataPaths.dataDir());
            }
        } finally {
            restore(DataPaths.PROPERTY, data);
            restore(ProjectHome.PROPERTY, home);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
