package dev.slipway.infra.definition;

import java.util.List;

import dev.slipway.infra.template.ShippedDefinitions;
import dev.slipway.store.Sql;
import dev.slipway.store.SqlTarget;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Creates the resource definitions Slipway ships for development environments ({@code dev-postgres},
 * {@code dev-redis}) the first time a store starts, so that a workload asking for "a postgres
 * called db" gets one in a development environment out of the box. Each name is claimed once per
 * store (table platform_seeds), by whichever replica starts first: an admin who deletes or
 * replaces a shipped definition is never overruled by a later start.
 */
@ApplicationScoped
class ShippedDefinitionSeeder {
    /** The environment type shipped definitions serve. */
    static final String ENVIRONMENT_TYPE = "development";
    private static final Logger LOG = Logger.getLogger(ShippedDefinitionSeeder.class);
    private static final String CLAIM = "INSERT INTO platform_seeds (name, seeded_at) VALUES (:name, now()) ON CONFLICT DO NOTHING";

    private final ResourceDefinitions definitions;
    private final ResourceDefinitionRepository repository;

    ShippedDefinitionSeeder(ResourceDefinitions definitions, ResourceDefinitionRepository repository) {
        this.definitions = definitions;
        this.repository = repository;
    }

    void seed(@Observes StartupEvent startup) {
        for (ShippedDefinitions.Definition shipped : ShippedDefinitions.all()) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> seed(shipped)));
            } catch (Throwable e) {
                // A shipped definition that cannot be created must not keep Slipway from starting.
                LOG.warnf("the shipped resource definition %s was not created: %s", shipped.name(), e.getMessage());
            }
        }
    }

    private Uni<Void> seed(ShippedDefinitions.Definition shipped) {
        return SqlTarget.currentSession().update(Sql.of(CLAIM).bind("name", "resource-definition:" + shipped.name()))
                .flatMap(claimed -> claimed == 0
                        ? Uni.createFrom().voidItem()
                        : repository.findByName(shipped.name())
                                .flatMap(existing -> existing != null
                                        ? Uni.createFrom().voidItem()
                                        : definitions.seed(new ResourceDefinitionSpec(shipped.name(), shipped.type(), shipped.driver(),
                                                new DriverInputsSpec(shipped.driverInputs().values(), shipped.driverInputs().secrets()),
                                                List.of(new Criterion(ENVIRONMENT_TYPE, null, null, null)), false))
                                                .invoke(created -> LOG.infof(
                                                        "created the shipped resource definition %s for %s environments",
                                                        created.name(), ENVIRONMENT_TYPE))
                                                .replaceWithVoid()));
    }
}
