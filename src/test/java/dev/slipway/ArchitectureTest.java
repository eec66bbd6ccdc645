package dev.slipway;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shape of the code, checked on the compiled classes: no package cycles, a kernel that knows
 * no feature, features that depend downward only, dev-only infrastructure the product never
 * imports, and thin adapters (adapters call use cases, use cases call stores and drivers, never
 * the reverse). A failure names the offending dependency; fix the code, not this test, unless the
 * intended architecture itself changes (and then docs/ARCHITECTURE.md with it).
 */
class ArchitectureTest {
    private static final String BASE = "dev.slipway";
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void noPackageDependsOnItselfInACircle() {
        // Every package, sub-packages included (deployment and deployment.lifecycle are two slices).
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void featuresDependDownwardOnly() {
        Architectures.layeredArchitecture().consideringOnlyDependenciesInAnyPackage(BASE + "..")
                .withOptionalLayers(true)
                .layer("kernel").definedBy(BASE + ".api..", BASE + ".access..", BASE + ".store..", BASE + ".runtime..")
                .layer("clusters").definedBy(BASE + ".cluster..")
                .layer("applications").definedBy(BASE + ".application..")
                .layer("environments").definedBy(BASE + ".environment..")
                .layer("configuration").definedBy(BASE + ".config..")
                .layer("infrastructure").definedBy(BASE + ".infra..")
                .layer("deployments").definedBy(BASE + ".deployment..")
                .layer("operations").definedBy(BASE + ".operation..")
                .layer("rbac").definedBy(BASE + ".rbac..")
                .layer("webhooks").definedBy(BASE + ".webhook..")
                .layer("local").definedBy(BASE + ".local..")
                .layer("generated gRPC").definedBy(BASE + ".grpc..")
                .whereLayer("kernel").mayOnlyAccessLayers("generated gRPC")
                .whereLayer("clusters").mayOnlyAccessLayers("kernel", "generated gRPC")
                .whereLayer("applications").mayOnlyAccessLayers("kernel", "generated gRPC")
                .whereLayer("environments").mayOnlyAccessLayers("kernel", "generated gRPC", "applications", "clusters")
                .whereLayer("configuration").mayOnlyAccessLayers("kernel", "generated gRPC", "applications", "environments", "clusters")
                .whereLayer("infrastructure").mayOnlyAccessLayers("kernel", "generated gRPC", "applications", "environments", "clusters",
                        "configuration")
                .whereLayer("deployments").mayOnlyAccessLayers("kernel", "generated gRPC", "applications", "environments", "clusters",
                        "configuration", "infrastructure")
                .whereLayer("operations").mayOnlyAccessLayers("kernel", "generated gRPC", "applications", "environments", "clusters",
                        "configuration", "infrastructure", "deployments")
                .whereLayer("rbac").mayOnlyAccessLayers("kernel", "generated gRPC", "applications", "environments")
                // Webhooks hear of events through the outbox rows the database writes (V18__webhooks.sql), so no feature names them.
                .whereLayer("webhooks").mayOnlyAccessLayers("kernel", "generated gRPC", "applications")
                // Dev-only infrastructure plugs into the product's interfaces; the product never names it.
                .whereLayer("local").mayNotBeAccessedByAnyLayer()
                .check(PRODUCT);
    }

    @Test
    void adaptersNeverTouchTheStoreOrAClusterAndNothingCallsAnAdapter() {
        noClasses().that(ADAPTER).should().dependOnClassesThat(STORE_OR_DRIVER.or(PERSISTENCE_OR_CLUSTER_LIBRARY))
                .because("REST resources and gRPC services only translate and call one use case")
                .check(PRODUCT);
        noClasses().that(DescribedPredicate.not(ADAPTER)).should().dependOnClassesThat(ADAPTER)
                .because("use cases know nothing of the API that called them")
                .check(PRODUCT);
    }

    @Test
    void storesAndDriversNeverCallUseCases() {
        noClasses().that(STORE_OR_DRIVER).should().dependOnClassesThat(USE_CASE)
                .because("use cases call stores and drivers, never the reverse")
                .check(PRODUCT);
    }

    private static final DescribedPredicate<JavaClass> ADAPTER = DescribedPredicate.describe("REST or gRPC adapters",
            // The generated gRPC messages are not adapters even when a message is called ...Resource.
            type -> type.getPackageName().startsWith(BASE) && !type.getPackageName().startsWith(BASE + ".grpc")
                    && (type.getSimpleName().endsWith("Resource")
                            || type.getSimpleName().endsWith("GrpcService")));

    private static final DescribedPredicate<JavaClass> STORE_OR_DRIVER = DescribedPredicate.describe("stores and cluster drivers",
            type -> type.getPackageName().startsWith(BASE)
                    && type.getSimpleName().matches(".*(Repository|Store|Queue|Driver|Connections)"));

    private static final DescribedPredicate<JavaClass> PERSISTENCE_OR_CLUSTER_LIBRARY = DescribedPredicate.describe(
            "the SQL client, Hibernate or the Kubernetes client",
            type -> type.getPackageName().startsWith("io.vertx.mutiny.sqlclient") || type.getPackageName().startsWith("org.hibernate")
                    || type.getPackageName().startsWith("io.quarkus.hibernate") || type.getPackageName().startsWith("io.fabric8"));

    /** A use case: a product class outside the kernel that reaches a store or a driver but is not one itself. */
    private static final DescribedPredicate<JavaClass> USE_CASE = DescribedPredicate.describe("use cases (callers of stores and drivers)",
            type -> type.getPackageName().startsWith(BASE) && !STORE_OR_DRIVER.test(type) && !ADAPTER.test(type)
                    && type.getDirectDependenciesFromSelf().stream()
                            .anyMatch(dependency -> STORE_OR_DRIVER.test(dependency.getTargetClass())));
}
