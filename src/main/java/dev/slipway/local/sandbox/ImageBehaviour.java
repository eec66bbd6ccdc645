package dev.slipway.local.sandbox;

import java.util.regex.Pattern;

/**
 * What the simulated kubelet does with an image, decided by the sandbox's test hooks on the image
 * reference (see {@link SandboxConfig}): pull and run it, fail to pull it, or run it and watch it
 * crash. A failing pull wins over a crash, as a container that never starts cannot crash.
 */
record ImageBehaviour(Pattern failing, Pattern crashing) {

    enum Outcome {
        RUNS, PULL_FAILS, CRASHES
    }

    static ImageBehaviour of(String failingImagePattern, String crashingImagePattern) {
        return new ImageBehaviour(Pattern.compile(failingImagePattern), Pattern.compile(crashingImagePattern));
    }

    Outcome of(String image) {
        if (image == null) {
            return Outcome.RUNS;
        }
        if (failing.matcher(image).matches()) {
            return Outcome.PULL_FAILS;
        }
        return crashing.matcher(image).matches() ? Outcome.CRASHES : Outcome.RUNS;
    }
}
