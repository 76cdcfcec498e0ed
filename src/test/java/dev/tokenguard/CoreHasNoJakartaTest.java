package dev.tokenguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core (packages {@code dev.tokenguard} and {@code dev.tokenguard.jwt}) must run without Jakarta EE on
 * the class path: none of its compiled classes may refer to a {@code jakarta.*} type. Only those two
 * packages are checked, not their sub-packages ({@code dev.tokenguard.jakarta} is where Jakarta belongs).
 *
 * <p>A reference to another class always appears in the constant pool as its internal name
 * ({@code jakarta/...}, in a Class or descriptor entry), so searching the class file bytes for
 * {@code "jakarta/"} finds every use, including annotations, signatures and method descriptors.
 */
class CoreHasNoJakartaTest {

    private static final byte[] JAKARTA = "jakarta/".getBytes(StandardCharsets.US_ASCII);
    private static final int MIN_CLASSES = 10;

    @Test
    void coreClassesDoNotReferenceJakarta() throws IOException {
        Path classes = mainClassesDirectory();
        List<Path> classFiles = new ArrayList<>();
        classFiles.addAll(classFilesIn(classes.resolve("dev/tokenguard")));
        classFiles.addAll(classFilesIn(classes.resolve("dev/tokenguard/jwt")));

        assertTrue(classFiles.size() >= MIN_CLASSES, "found only " + classFiles.size() + " class files under "
                + classes + " in dev/tokenguard and dev/tokenguard/jwt; expected at least " + MIN_CLASSES);

        List<String> offenders = new ArrayList<>();
        for (Path file : classFiles) {
            if (contains(Files.readAllBytes(file), JAKARTA)) {
                offenders.add(className(classes, file));
            }
        }
        assertEquals(List.of(), offenders, "core classes referring to jakarta.* (move that code to a"
                + " sub-package such as dev.tokenguard.jakarta): " + offenders);
    }

    /** Where the main classes were loaded from (target/classes in a Maven build), via a core class's code source. */
    private static Path mainClassesDirectory() {
        CodeSource source = Rejection.class.getProtectionDomain().getCodeSource();
        assertTrue(source != null && source.getLocation() != null, "no code source for " + Rejection.class);
        Path location;
        try {
            location = Path.of(source.getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError("code source " + source.getLocation() + " is not a file URI", e);
        }
        assertTrue(Files.isDirectory(location.resolve("dev/tokenguard")), "the core classes were not loaded from"
                + " a class directory (" + location + "); run this test on a compiled, unpacked build");
        return location;
    }

    /** The class files directly in {@code dir}, not in its sub-directories (those are other packages). */
    private static List<Path> classFilesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".class"))
                    .sorted()
                    .toList();
        }
    }

    private static String className(Path root, Path file) {
        String relative = root.relativize(file).toString().replace('\\', '/');
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
