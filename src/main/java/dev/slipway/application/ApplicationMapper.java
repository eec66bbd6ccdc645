package dev.slipway.application;

import java.util.TreeMap;

import dev.slipway.api.ETags;

/** The one place an application entity becomes its API model. */
public final class ApplicationMapper {
    private ApplicationMapper() {
    }

    public static ApplicationView toView(Application application) {
        return new ApplicationView(application.id, application.name, application.displayName, application.description,
                application.ownerGroup, application.repositoryUrl, new TreeMap<>(application.labels), application.createdAt,
                application.createdBy, application.updatedAt, ETags.of(application.version));
    }

    static ApplicationChanges toChanges(Application application) {
        return new ApplicationChanges(application.name, application.displayName, application.description,
                application.ownerGroup, application.repositoryUrl, application.labels);
    }
}
