package dev.slipway.local.store;

import java.util.logging.Handler;
import java.util.logging.Level;

import io.quarkus.bootstrap.logging.InitialConfigurator;
import io.quarkus.bootstrap.logging.QuarkusDelayedHandler;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Keeps a refusal at runtime init down to its one line. Quarkus prints a ConfigurationException's
 * message alone, but a failure before logging is set up also dumps every record buffered during
 * static init, in java.util.logging's two-line format: for this application some 30 lines of
 * Hibernate's version banner and "Database info" blocks ahead of the one line that matters.
 * Handing the buffer a console handler for warnings and errors first drops that chatter and still
 * shows anything that went wrong.
 */
final class StartupLogBuffer {

    private StartupLogBuffer() {
    }

    static void keepOnlyWarnings() {
        try {
            QuarkusDelayedHandler buffer = InitialConfigurator.DELAYED_HANDLER;
            if (!buffer.isActivated()) {
                ConsoleHandler console = InitialConfigurator.createDefaultHandler();
                console.setLevel(Level.WARNING);
                buffer.setHandlers(new Handler[]{ console });
            }
        } catch (LinkageError | RuntimeException e) {
            // Another launcher or Quarkus version: the refusal still prints, after whatever was buffered.
        }
    }
}
