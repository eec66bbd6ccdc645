package dev.slipway.infra.definition;

/**
 * What a resource is asked for: a resource of {@code type} and class for an application's
 * environment, whose type takes part in matching. The provisioner and the dry run ask the same.
 *
 * @param resourceClass the class asked for; null means {@value Criterion#DEFAULT_CLASS}
 */
public record MatchQuery(String application, String environment, String environmentType, String type, String resourceClass) {

    public String classOrDefault() {
        return resourceClass == null ? Criterion.DEFAULT_CLASS : resourceClass;
    }

    @Override
    public String toString() {
        return "application '" + application + "', environment '" + environment + "' (type '" + environmentType + "'), class '"
                + classOrDefault() + "'";
    }
}
