package dev.slipway.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a chosen environment and stdin; keeps exit code, stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path configHome, Map<String, String> env, String stdin, String... args) {
        Map<String, String> all = new HashMap<>(env);
        all.put("XDG_CONFIG_HOME", configHome.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SlipwayCli.execute(all, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out),
                new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
