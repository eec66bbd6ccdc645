package dev.slipway.access;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.slipway.access.AccessPolicy.Decision;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy as a pure function: roles, scopes, protected types, visibility. */
class AccessPolicyTest {
    private static final AccessTarget SHOP = AccessTarget.application("application", "shop", "shop", "team-shop");
    private static final AccessTarget SHOP_STAGING = AccessTarget.environment("environment", "shop/staging", "shop", "team-shop", "staging",
            false);
    private static final AccessTarget SHOP_PROD = AccessTarget.environment("environment", "shop/prod", "shop", "team-shop", "production",
            true);
    private static final AccessTarget PLATFORM = AccessTarget.platform("cluster", "sandbox");

    private static Caller user(String name, String... groups) {
        return new Caller("sub-" + name, name, Set.of(groups), Set.of(), false, null);
    }

    private static Binding binding(String subject, Role role, String scope) {
        return new Binding(UUID.randomUUID(), subject, role, Scope.parse(scope));
    }

    @Test
    void developerDeploysToNonProtectedTypesOnly() {
        List<Binding> bindings = List.of(binding("user:devon", Role.DEVELOPER, "application:shop"));
        Caller devon = user("devon");
        assertTrue(AccessPolicy.decide(devon, bindings, Permission.DEPLOYMENT_CREATE, SHOP_STAGING).allowed());
        Decision prod = AccessPolicy.decide(devon, bindings, Permission.DEPLOYMENT_CREATE, SHOP_PROD);
        assertFalse(prod.allowed());
        assertTrue(prod.visible(), "a developer sees the application, so the refusal is a 403");
        assertTrue(prod.reason().contains("deployer"), prod.reason());
        assertTrue(AccessPolicy.decide(devon, bindings, Permission.CONFIG_UPDATE, SHOP_STAGING).allowed());
        assertFalse(AccessPolicy.decide(devon, bindings, Permission.CONFIG_UPDATE, SHOP_PROD).allowed());
        assertFalse(AccessPolicy.decide(devon, bindings, Permission.ENVIRONMENT_CREATE, SHOP_PROD).allowed());
        assertTrue(AccessPolicy.decide(devon, bindings, Permission.ENVIRONMENT_CREATE, SHOP_STAGING).allowed());
    }

    @Test
    void deployerDeploysToProtectedTypesButDoesNotManageThem() {
        List<Binding> bindings = List.of(binding("service-account:ci", Role.DEPLOYER, "application:shop"));
        Caller ci = new Caller("sub-ci", "ci", Set.of(), Set.of(), false, "ci");
        Decision decision = AccessPolicy.decide(ci, bindings, Permission.DEPLOYMENT_CREATE, SHOP_PROD);
        assertTrue(decision.allowed());
        assertEquals(bindings.get(0), decision.grant().binding());
        assertFalse(AccessPolicy.decide(ci, bindings, Permission.ENVIRONMENT_DELETE, SHOP_PROD).allowed());
        assertFalse(AccessPolicy.decide(ci, bindings, Permission.ROLE_BINDING_MANAGE, SHOP).allowed());
    }

    @Test
    void ownerGroupImpliesOwner() {
        Decision decision = AccessPolicy.decide(user("dana", "team-shop"), List.of(), Permission.APPLICATION_DELETE, SHOP);
        assertTrue(decision.allowed());
        assertEquals(Role.OWNER, decision.grant().role());
        assertTrue(decision.reason().contains("team-shop"));
    }

    @Test
    void anotherTeamCannotEvenSeeTheApplication() {
        Decision decision = AccessPolicy.decide(user("eve", "team-billing"), List.of(), Permission.APPLICATION_READ, SHOP);
        assertFalse(decision.allowed());
        assertFalse(decision.visible());
        assertNull(decision.grant());
    }

    @Test
    void aBindingScopedToOneTypeGrantsThereAndOnlyShowsTheRest() {
        List<Binding> bindings = List.of(binding("group:release", Role.DEPLOYER, "application:shop/environment-type:production"));
        Caller rita = user("rita", "release");
        assertTrue(AccessPolicy.decide(rita, bindings, Permission.DEPLOYMENT_CREATE, SHOP_PROD).allowed());
        assertFalse(AccessPolicy.decide(rita, bindings, Permission.DEPLOYMENT_CREATE, SHOP_STAGING).allowed());
        assertTrue(AccessPolicy.decide(rita, bindings, Permission.APPLICATION_READ, SHOP).allowed());
    }

    @Test
    void platformScopedBindingsApplyEverywhereAndAdminsDoEverything() {
        List<Binding> bindings = List.of(binding("group:sre", Role.VIEWER, "platform"));
        assertTrue(AccessPolicy.decide(user("sam", "sre"), bindings, Permission.APPLICATION_READ, SHOP).allowed());
        assertFalse(AccessPolicy.decide(user("sam", "sre"), bindings, Permission.CLUSTER_MANAGE, PLATFORM).allowed());
        Caller admin = new Caller("sub-root", "root", Set.of(), Set.of(), true, null);
        assertTrue(AccessPolicy.decide(admin, List.of(), Permission.CLUSTER_MANAGE, PLATFORM).allowed());
        assertTrue(AccessPolicy.decide(admin, List.of(), Permission.DEPLOYMENT_CREATE, SHOP_PROD).allowed());
    }

    @Test
    void refusingACreateRevealsNothingSoItIsA403() {
        Decision decision = AccessPolicy.decide(user("eve", "team-billing"), List.of(), Permission.APPLICATION_CREATE,
                AccessTarget.application("application", "shop", "shop", "team-shop"));
        assertFalse(decision.allowed());
        assertTrue(decision.visible());
    }

    @Test
    void scopesParseAndPrintTheirWrittenForm() {
        assertEquals(Scope.PLATFORM, Scope.parse("platform"));
        assertEquals(new Scope("shop", null), Scope.parse("application:shop"));
        assertEquals(new Scope("shop", "production"), Scope.parse("application:shop/environment-type:production"));
        assertEquals("application:shop/environment-type:production",
                Scope.parse("application:shop/environment-type:production").toString());
        assertNull(Scope.parse("application:"));
        assertNull(Scope.parse("application:Shop"));
        assertNull(Scope.parse("application:shop/type:prod"));
        assertNull(Scope.parse("cluster:sandbox"));
    }

    @Test
    void callersAreNamedByEverySubjectABindingCanUse() {
        assertEquals(Set.of("user:sub-dana", "user:dana", "group:team-shop"), user("dana", "team-shop").bindingSubjects());
        assertEquals(Set.of("service-account:ci"), new Caller("uuid", "ci", Set.of(), Set.of(), false, "ci").bindingSubjects());
    }
}
