package dev.slipway.local.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * Decides from the data directory alone who runs the server in it. There is deliberately no
 * static state: a dev-mode reload brings a new class loader into the same JVM, and the server
 * started before the reload must be found again, not started twice.
 */
final class DataDirectoryOwner {

    /** What to do with the data directory. */
    sealed interface Verdict {
        /** This JVM already runs the server there (started before a dev-mode reload). */
        record Reattach(int port) implements Verdict {
        }

        /** Nothing runs there, or only the orphan of a dead JVM (now stopped). */
        record StartFresh() implements Verdict {
        }
    }

    static final String OWNER_FILE = "slipway-owner";
    private static final String POSTMASTER_PID = "postmaster.pid";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(DataDirectoryOwner.class);

    private final Path dataDirectory;

    DataDirectoryOwner(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    Verdict inspect() {
        Optional<ProcessHandle> postmaster = runningPostmaster();
        if (postmaster.isEmpty()) {
            return new Verdict.StartFresh();
        }
        Optional<ProcessHandle> owner = liveOwner();
        if (owner.isPresent() && owner.get().pid() == ProcessHandle.current().pid()) {
            return new Verdict.Reattach(postmasterPort());
        }
        if (owner.isPresent()) {
            throw new IllegalStateException("The embedded PostgreSQL data directory " + dataDirectory.toAbsolutePath()
                    + " is in use by another running process (pid " + owner.get().pid() + "). Stop that process, "
                    + "or point slipway.embedded-store.data-directory somewhere else.");
        }
        stopOrphan(postmaster.get());
        return new Verdict.StartFresh();
    }

    /** Claims the directory for this JVM; called once the server is about to start. */
    void claim() {
        ProcessHandle self = ProcessHandle.current();
        String content = self.pid() + " " + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n";
        try {
            Files.writeString(dataDirectory.resolve(OWNER_FILE), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the owner file in " + dataDirectory, e);
        }
    }

    private Optional<ProcessHandle> runningPostmaster() {
        List<String> lines = postmasterPidLines();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return parseLong(lines.get(0))
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                // A stale pid file may name a pid the OS has since given to something else.
                .filter(process -> process.info().command().map(c -> c.endsWith("postgres")).orElse(true));
    }

    private int postmasterPort() {
        List<String> lines = postmasterPidLines();
        OptionalInt port = lines.size() >= 4 ? parseInt(lines.get(3)) : OptionalInt.empty();
        return port.orElseThrow(() -> new IllegalStateException(
                "No port on line 4 of " + dataDirectory.resolve(POSTMASTER_PID)));
    }

    /**
     * The JVM named in the owner file, if it still runs. Its start time is compared too, so a
     * recycled pid is not mistaken for the owner.
     */
    private Optional<ProcessHandle> liveOwner() {
        Path file = dataDirectory.resolve(OWNER_FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String[] parts;
        try {
            parts = Files.readString(file, StandardCharsets.UTF_8).strip().split("\\s+");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        long recordedStart = parts.length > 1 ? parseLong(parts[1]).orElse(0L) : 0L;
        return parseLong(parts[0])
                .flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(process -> recordedStart == 0L || process.info().startInstant()
                        .map(start -> start.toEpochMilli() == recordedStart).orElse(true));
    }

    /** A JVM killed hard leaves its postmaster behind; it must go before we can start one. */
    private void stopOrphan(ProcessHandle postmaster) {
        LOG.infof("Stopping orphaned embedded PostgreSQL (pid %d) left in %s by a process that is gone",
                postmaster.pid(), dataDirectory.toAbsolutePath());
        // SIGTERM: a smart shutdown, fine since the orphan's clients died with their JVM.
        if (!postmaster.destroy()) {
            throw new IllegalStateException("Not allowed to stop the orphaned PostgreSQL (pid " + postmaster.pid()
                    + ") in " + dataDirectory.toAbsolutePath() + "; stop it by hand");
        }
        try {
            postmaster.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Crash recovery on the next start is safe with fsync on; waiting forever is not.
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping the orphaned PostgreSQL " + postmaster.pid(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not stop the orphaned PostgreSQL " + postmaster.pid(), e);
        }
    }

    private List<String> postmasterPidLines() {
        Path file = dataDirectory.resolve(POSTMASTER_PID);
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            // PostgreSQL removes the file while shutting down; a vanished file means "not running".
            return List.of();
        }
    }

    private static Optional<Long> parseLong(String text) {
        try {
            return Optional.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static OptionalInt parseInt(String text) {
        try {
            return OptionalInt.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}
