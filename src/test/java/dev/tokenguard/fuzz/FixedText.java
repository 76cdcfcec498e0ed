package dev.tokenguard.fuzz;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The string constants of every class in one package, read from the class files (the constant pool's
 * {@code CONSTANT_String} entries; javac's string-concatenation recipes are among them and are split at their
 * argument markers). Works for a classes directory and for a jar.
 */
final class FixedText {

    private FixedText() {
    }

    /** The fixed strings of the classes in {@code anchor}'s package (not its subpackages). */
    static Set<String> of(Class<?> anchor) {
        String dir = anchor.getPackageName().replace('.', '/') + "/";
        Set<String> strings = new HashSet<>();
        try {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (Stream<Path> files = Files.list(location.resolve(dir))) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        strings.addAll(constants(Files.readAllBytes(f)));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(location.toFile())) {
                    for (JarEntry e : jar.stream().toList()) {
                        String name = e.getName();
                        if (name.startsWith(dir) && name.endsWith(".class") && name.indexOf('/', dir.length()) < 0) {
                            try (InputStream in = jar.getInputStream(e)) {
                                strings.addAll(constants(in.readAllBytes()));
                            }
                        }
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot read the class files of " + anchor.getPackageName(), e);
        }
        return strings;
    }

    /** The CONSTANT_String values of one class file, recipes split at \u0001 and \u0002. */
    static List<String> constants(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> stringRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++;
                }
                case 7, 16, 19, 20 -> in.skipNBytes(2);
                case 8 -> stringRefs.add(in.readUnsignedShort());
                case 15 -> in.skipNBytes(3);
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> out = new ArrayList<>();
        for (int ref : stringRefs) {
            if (utf8[ref] != null) {
                for (String piece : utf8[ref].split("[\u0001\u0002]")) {
                    if (!piece.isEmpty()) {
                        out.add(piece);
                    }
                }
            }
        }
        return out;
    }
}
