package dev.tokenguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/** The lines TokenGuard's logger writes while a piece of code runs. */
public final class LogCapture {

    private LogCapture() {
    }

    /** The WARNING (and SEVERE) lines, formatted, with stack traces. */
    public static List<String> warnings(Runnable work) {
        return lines(Level.WARNING, work);
    }

    public static List<String> lines(Level level, Runnable work) {
        Logger logger = Logger.getLogger("dev.tokenguard");
        List<String> lines = new ArrayList<>();
        SimpleFormatter formatter = new SimpleFormatter();
        Handler handler = new Handler() {
            @Override
            public synchronized void publish(LogRecord r) {
                if (r.getLevel().intValue() >= level.intValue()) {
                    lines.add(formatter.format(r));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level before = logger.getLevel();
        handler.setLevel(level);
        logger.setLevel(level.intValue() < Level.INFO.intValue() ? level : before);
        logger.addHandler(handler);
        try {
            work.run();
        } finally {
            logger.removeHandler(handler);
            logger.setLevel(before);
        }
        synchronized (handler) {
            return List.copyOf(lines);
        }
    }
}
