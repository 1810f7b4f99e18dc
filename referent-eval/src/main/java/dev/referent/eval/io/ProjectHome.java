package dev.referent.eval.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The checkout the tools work in, against which their default paths ({@code ../shared/data}, {@code
 * target/feature-cache}, {@code docs/BENCHMARKS.md}, ...) are resolved, so that a command gives the same result from
 * any working directory: the system property {@value #PROPERTY} (the {@code ./referent} script sets it to its own
 * folder), else the nearest ancestor of the working directory whose {@code pom.xml} is the project's root POM
 * (artifactId {@value #ROOT_ARTIFACT}; a module's POM names it only as its parent), else the working directory.
 */
public final class ProjectHome {

    public static final String PROPERTY = "referent.home";
    static final String ROOT_ARTIFACT = "referent-parent";

    /** A POM's {@code <parent>} block, which names the root POM in every module. */
    private static final Pattern PARENT = Pattern.compile("<parent>.*?</parent>", Pattern.DOTALL);

    private ProjectHome() {
    }

    /** The project home as an absolute path. */
    public static Path dir() {
        String configured = System.getProperty(PROPERTY);
        Path workingDir = Path.of("").toAbsolutePath().normalize();
        if (configured != null && !configured.isBlank()) {
            return workingDir.resolve(configured).normalize();
        }
        return find(workingDir);
    }

    /** {@code path} as it is, when absolute; else resolved against the project home. */
    public static Path resolve(String path) {
        return dir().resolve(path).normalize();
    }

    /** The nearest of {@code start} and its ancestors that holds the root POM; {@code start} when none does. */
    static Path find(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (isRoot(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        return start;
    }

    private static boolean isRoot(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String own = PARENT.matcher(Files.readString(pom)).replaceAll("");
            return own.contains("<artifactId>" + ROOT_ARTIFACT + "</artifactId>");
        } catch (IOException e) {
            return false; // an unreadable POM is not the project's
        }
    }
}
