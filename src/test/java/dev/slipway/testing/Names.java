package dev.slipway.testing;

import java.util.concurrent.ThreadLocalRandom;

/** Unique resource names, so tests share one database without depending on each other. */
public final class Names {
    private Names() {
    }

    public static String unique(String prefix) {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
        String name = prefix + "-" + suffix;
        return name.length() > 40 ? name.substring(0, 40).replaceAll("-+$", "") : name;
    }
}
