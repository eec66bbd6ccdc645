package dev.slipway.infra.template;

import java.util.Map;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.ValueResolver;

/**
 * The Qute engine that renders definitions' templates, deliberately not the application's: that
 * one resolves {@code config:} (every configuration property, database password and secret keys
 * included), {@code inject:} (any named bean) and reflection on template data classes. This one
 * knows only maps, lists, strings and numbers, the standard sections ({@code if}, {@code for},
 * {@code let}, ...), {@code +} to join strings, and {@link ClusterLookups} in outputs: no
 * template locators (so {@code include} finds nothing), no file system, no arbitrary Java.
 * Rendering is strict: a name that does not resolve is an error, not an empty string.
 */
final class Templates {

    /** {@code resource + '-app'}: Qute's {@code +} adds numbers only. */
    private static final ValueResolver JOIN_STRINGS = ValueResolver.builder()
            .applyToBaseClass(String.class)
            .applyToName("+")
            .resolveAsync(
                    context -> context.evaluate(context.getParams().get(0)).thenApply(right -> context.getBase() + String.valueOf(right)))
            .build();

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(JOIN_STRINGS)
            .addValueResolver(ClusterLookups.RESOLVER)
            .strictRendering(true)
            .removeStandaloneLines(true)
            .build();

    /** @throws io.quarkus.qute.TemplateException when the text is not a valid template */
    Template parse(String text) {
        return engine.parse(text);
    }

    /** @throws io.quarkus.qute.TemplateException (or the lookups' own failures) when rendering fails */
    static String render(Template template, Map<String, Object> data) {
        return template.instance().data(data).render();
    }
}
