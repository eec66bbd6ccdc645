package dev.slipway.local.sandbox;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With the sandbox off (the prod profile's default) start-up neither starts nor registers it. */
class SandboxRegistrarTest {

    @Test
    void neitherStartsNorRegistersTheSandboxWhenItIsOff() {
        SandboxConfig off = new SandboxConfig() {
            @Override
            public boolean enabled() {
                return false;
            }

            @Override
            public Duration rolloutDelay() {
                return Duration.ofMillis(300);
            }

            @Override
            public String failingImagePattern() {
                return DEFAULT_FAILING_IMAGE_PATTERN;
            }

            @Override
            public String crashingImagePattern() {
                return DEFAULT_CRASHING_IMAGE_PATTERN;
            }

            @Override
            public Duration logInterval() {
                return Duration.ofSeconds(1);
            }
        };
        SandboxCluster sandbox = new SandboxCluster(off);
        AtomicInteger databaseCalls = new AtomicInteger();
        AgroalDataSource database = (AgroalDataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{ AgroalDataSource.class }, (proxy, method, args) -> {
                    databaseCalls.incrementAndGet();
                    throw new UnsupportedOperationException(method.getName());
                });

        new SandboxRegistrar(off, sandbox, database).registerAtStart(new StartupEvent());

        assertEquals(0, databaseCalls.get(), "no cluster row written");
        assertTrue(sandbox.url().isEmpty(), "no sandbox API server started");
    }
}
