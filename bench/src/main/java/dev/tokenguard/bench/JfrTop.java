package dev.tokenguard.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the CPU samples of a JFR recording: the methods on top of the stack (self time) and the methods
 * found anywhere on it (inclusive time), as shares of all samples; for the profiles quoted in BENCHMARKS.md.
 *
 * <p>{@code java -cp benchmarks.jar dev.tokenguard.bench.JfrTop recording.jfr [top] [filter,...]} — only samples
 * whose stack contains one of the filters (substrings of class.method) count, e.g. {@code BearerTokenMechanism}.
 */
public final class JfrTop {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        List<String> filters = args.length > 2 ? List.of(args[2].split(",")) : List.of();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> inclusive = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample") || e.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = e.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            List<String> names = frames.stream()
                    .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).toList();
            if (!filters.isEmpty() && names.stream().noneMatch(n -> filters.stream().anyMatch(n::contains))) {
                continue;
            }
            samples++;
            self.merge(names.get(0), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (String n : names) {
                if (seen.add(n)) {
                    inclusive.merge(n, 1, Integer::sum);
                }
            }
        }
        System.out.println(file.getFileName() + ": " + samples + " CPU samples"
                + (filters.isEmpty() ? "" : " with " + String.join(" or ", filters) + " on the stack"));
        print("self (top of stack)", self, samples, top);
        print("inclusive (anywhere on the stack)", inclusive, samples, top * 2);
    }

    private static void print(String title, Map<String, Integer> counts, int samples, int top) {
        System.out.println("--- " + title);
        counts.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(top)
                .forEach(e -> System.out.printf(Locale.ROOT, "%5.1f%%  %s%n", 100.0 * e.getValue() / samples,
                        e.getKey()));
    }
}
