package dev.slipway.infra.definition;

/**
 * How specific a matching criterion is, from least to most: the keys it names, ranked so that an
 * application outweighs an environment name, which outweighs an environment type (application
 * 4, environment 2, environment type 1, summed). Two criteria rank equally exactly when they name
 * the same keys, which is why an equal rank for the same request means the same criterion.
 */
public enum Specificity {
    ANY("any"), ENVIRONMENT_TYPE("environmentType"), ENVIRONMENT("environment"), ENVIRONMENT_AND_TYPE(
            "environment+environmentType"), APPLICATION("application"), APPLICATION_AND_ENVIRONMENT_TYPE(
                    "application+environmentType"), APPLICATION_AND_ENVIRONMENT(
                            "application+environment"), APPLICATION_ENVIRONMENT_AND_TYPE("application+environment+environmentType");

    private final String label;

    Specificity(String label) {
        this.label = label;
    }

    /** The keys the criterion names, as the API shows them. */
    public String label() {
        return label;
    }

    /** 0 (any) to 7 (application, environment and environment type); higher wins. */
    public int rank() {
        return ordinal();
    }

    static Specificity of(Criterion criterion) {
        int rank = (criterion.application() != null ? 4 : 0) + (criterion.environment() != null ? 2 : 0)
                + (criterion.environmentType() != null ? 1 : 0);
        return values()[rank];
    }
}
