package dev.tokenguard.tck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * After a server's TCK run: reads TestNG's {@code testng-results.xml}, writes the per-class table
 * ({@code tck-results.md} beside it, which docs/mp-jwt-tck.md collects), and fails the build when the run differs from
 * the server's {@code known-failures.txt}: a test that fails without being listed there, or a listed one that now
 * passes (so the list only ever shrinks, and each entry says why it is there).
 *
 * <p>Usage: {@code TckResults <testng-results.xml> <known-failures.txt> <server name> <out.md>}.
 */
public final class TckResults {

    private TckResults() {
    }

    public static void main(String[] args) throws Exception {
        Path results = Path.of(args[0]);
        Map<String, String> known = knownFailures(Path.of(args[1]));
        String server = args[2];
        if (!Files.exists(results)) {
            System.out.println("TCK on " + server + ": no results (skipped)");
            return;
        }
        Map<String, int[]> byClass = new TreeMap<>(); // pass, fail, skip
        TreeSet<String> failed = new TreeSet<>();
        NodeList classes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(results.toFile())
                .getElementsByTagName("class");
        for (int i = 0; i < classes.getLength(); i++) {
            Element c = (Element) classes.item(i);
            String name = c.getAttribute("name").replaceFirst("^org\\.eclipse\\.microprofile\\.jwt\\.tck\\.", "");
            int[] counts = byClass.computeIfAbsent(name, k -> new int[3]);
            NodeList methods = c.getElementsByTagName("test-method");
            for (int m = 0; m < methods.getLength(); m++) {
                Element method = (Element) methods.item(m);
                String status = method.getAttribute("status");
                String id = name + "#" + method.getAttribute("name");
                if ("true".equals(method.getAttribute("is-config"))) {
                    if ("FAIL".equals(status)) {
                        failed.add(id);
                        counts[1]++;
                    }
                    continue;
                }
                switch (status) {
                    case "PASS" -> counts[0]++;
                    case "FAIL" -> {
                        counts[1]++;
                        failed.add(id);
                    }
                    default -> counts[2]++;
                }
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String f : failed) {
            if (!known.containsKey(f)) {
                unexpected.add("fails but is not in known-failures.txt: " + f);
            }
        }
        for (String k : known.keySet()) {
            if (!failed.contains(k)) {
                unexpected.add("passes now: remove it from known-failures.txt: " + k);
            }
        }
        StringBuilder md = new StringBuilder("| class | passed | failed | skipped |\n|---|---:|---:|---:|\n");
        int[] total = new int[3];
        int cleanClasses = 0;
        for (Map.Entry<String, int[]> e : byClass.entrySet()) {
            int[] c = e.getValue();
            md.append("| `").append(e.getKey()).append("` | ").append(c[0]).append(" | ").append(c[1]).append(" | ")
                    .append(c[2]).append(" |\n");
            for (int j = 0; j < 3; j++) {
                total[j] += c[j];
            }
            if (c[1] == 0 && c[2] == 0) {
                cleanClasses++;
            }
        }
        md.append("| **").append(byClass.size()).append(" classes, ").append(cleanClasses).append(" all passed** | **")
                .append(total[0]).append("** | **").append(total[1]).append("** | **").append(total[2]).append("** |\n");
        if (!known.isEmpty()) {
            md.append("\nKnown failures on ").append(server).append(" (it/tck/").append(server)
                    .append("/known-failures.txt):\n\n");
            known.forEach((test, why) -> md.append("- `").append(test).append("`: ").append(why).append('\n'));
        }
        Files.writeString(Path.of(args[3]), md.toString());
        System.out.println("TCK on " + server + ": " + byClass.size() + " classes (" + cleanClasses + " all passed), "
                + total[0] + " tests passed, " + total[1] + " failed, " + total[2] + " skipped; table in " + args[3]);
        if (!unexpected.isEmpty()) {
            throw new IllegalStateException("TCK on " + server + " differs from its known failures:\n"
                    + String.join("\n", unexpected));
        }
    }

    /** {@code Class#method: why} per line; # starts a comment. */
    private static Map<String, String> knownFailures(Path file) throws IOException {
        Map<String, String> known = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return known;
        }
        for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(": ");
            known.put(colon < 0 ? l : l.substring(0, colon), colon < 0 ? "" : l.substring(colon + 2));
        }
        return known;
    }
}
