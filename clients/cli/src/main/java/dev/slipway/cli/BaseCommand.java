package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.sdk.Slipway;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What every command has: the root's settings, the SDK, and the output. */
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    SlipwayCli root() {
        return (SlipwayCli) spec.root().userObject();
    }

    Slipway slipway() {
        return root().slipway();
    }

    Output output() {
        return root().output();
    }

    @Override
    public Integer call() throws Exception {
        return run();
    }

    /** The command's work; returns the exit code. */
    abstract int run() throws ApiException, Exception;
}
