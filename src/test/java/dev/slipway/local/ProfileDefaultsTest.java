package dev.slipway.local;

import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shipped application.properties switches the dev-only infrastructure on for dev mode and
 * tests and leaves it off in the prod profile, which is what the packaged jar runs in.
 */
class ProfileDefaultsTest {

    private static final List<String> SWITCHES = List.of("slipway.embedded-store.enabled", "slipway.sandbox.enabled",
            "slipway.clusters.allow-http-loopback");

    @Test
    void onInDevModeAndTestsOffInProduction() throws IOException {
        Map<String, Boolean> expected = Map.of("dev", true, "test", true, "prod", false);
        for (Map.Entry<String, Boolean> profile : expected.entrySet()) {
            SmallRyeConfig config = applicationProperties(profile.getKey());
            for (String name : SWITCHES) {
                assertEquals(profile.getValue(), config.getOptionalValue(name, Boolean.class).orElse(false),
                        name + " in profile " + profile.getKey());
            }
        }
    }

    private static SmallRyeConfig applicationProperties(String profile) throws IOException {
        URL file = ProfileDefaultsTest.class.getClassLoader().getResource("application.properties");
        return new SmallRyeConfigBuilder().withProfile(profile).withSources(new PropertiesConfigSource(file, 250)).build();
    }
}
