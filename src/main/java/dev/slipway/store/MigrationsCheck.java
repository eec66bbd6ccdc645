package dev.slipway.store;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Start-up check of the schema: UP once Flyway (which migrates at start) has no migration left
 * pending, naming the schema version. A schema cannot go back, so after the first UP the answer is
 * kept and the database is not asked again.
 */
@Startup
@ApplicationScoped
public class MigrationsCheck implements HealthCheck {
    private final Flyway flyway;
    private volatile String migratedTo;

    public MigrationsCheck(Flyway flyway) {
        this.flyway = flyway;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("schema-migrations");
        if (migratedTo != null) {
            return response.up().withData("version", migratedTo).build();
        }
        var info = flyway.info();
        MigrationInfo current = info.current();
        int pending = info.pending().length;
        String version = current == null ? "none" : current.getVersion().toString();
        if (pending > 0) {
            return response.down().withData("version", version).withData("pending", pending).build();
        }
        migratedTo = version;
        return response.up().withData("version", version).build();
    }
}
