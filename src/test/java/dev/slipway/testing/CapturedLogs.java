package dev.slipway.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record that any logger emits between {@link #start()} and {@link #stop()}, as text,
 * with parameters and stack traces; Slipway's own debug lines count too.
 */
public final class CapturedLogs extends Handler {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger slipway = Logger.getLogger("dev.slipway");
    private Level slipwayLevel;

    private CapturedLogs() {
    }

    public static CapturedLogs start() {
        CapturedLogs logs = new CapturedLogs();
        logs.setLevel(Level.ALL);
        logs.slipwayLevel = logs.slipway.getLevel();
        Logger.getLogger("").addHandler(logs);
        logs.slipway.setLevel(Level.FINE);
        return logs;
    }

    public void stop() {
        Logger.getLogger("").removeHandler(this);
        slipway.setLevel(slipwayLevel);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getMessage());
        if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
            line.append(' ').append(ext.getFormattedMessage());
        }
        if (record.getParameters() != null) {
            line.append(' ').append(Arrays.deepToString(record.getParameters()));
        }
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(' ').append(trace);
        }
        lines.add(line.toString());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
