package dev.slipway.cluster;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.slipway.api.Violations;
import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;

/**
 * What submitted cluster credentials must be. A kubeconfig is read with the Kubernetes client's own
 * parser and must carry everything inline: anything that makes Slipway run a program (exec plugins,
 * auth providers), read a file of its own host (tokenFile, client-certificate, client-key,
 * certificate-authority) or go through a proxy is refused, since a kubeconfig comes from outside
 * and Slipway's host holds its own service account token. Messages never quote the credentials.
 */
public final class ClusterCredentialRules {
    private static final String FIELD = "credentials";
    /** Visible ASCII, no spaces: anything else could split the Authorization header. */
    private static final Pattern TOKEN = Pattern.compile("^[\\x21-\\x7e]+$");

    private ClusterCredentialRules() {
    }

    /**
     * Adds every problem of the credentials to {@code violations}, fields named {@code credentials.*}.
     *
     * @return the API server URL of the kubeconfig's chosen context, or null (token credentials, or a
     *         kubeconfig with problems)
     */
    static String check(Violations violations, ClusterCredentials credentials) {
        boolean kubeconfig = credentials.kubeconfig() != null;
        boolean token = credentials.token() != null;
        if (kubeconfig == token) {
            violations.add(FIELD, "give either kubeconfig or token");
            return null;
        }
        if (token) {
            checkToken(violations, credentials);
            return null;
        }
        if (credentials.caBundle() != null) {
            violations.add(FIELD + ".caBundle", "goes with token credentials; a kubeconfig carries certificate-authority-data itself");
        }
        if (credentials.kubeconfig().length() > ClusterCredentials.MAX_KUBECONFIG) {
            violations.add(FIELD + ".kubeconfig", "must be at most " + ClusterCredentials.MAX_KUBECONFIG + " characters");
            return null;
        }
        try {
            NamedCluster cluster = chosenCluster(parse(credentials.kubeconfig(), credentials.context()), credentials.context());
            return cluster.getCluster().getServer();
        } catch (IllegalArgumentException e) {
            violations.add(FIELD + (e instanceof ContextProblem ? ".context" : ".kubeconfig"), e.getMessage());
            return null;
        }
    }

    private static void checkToken(Violations violations, ClusterCredentials credentials) {
        if (credentials.context() != null) {
            violations.add(FIELD + ".context", "goes with kubeconfig credentials");
        }
        if (credentials.token().length() > ClusterCredentials.MAX_TOKEN || !TOKEN.matcher(credentials.token()).matches()) {
            violations.add(FIELD + ".token", "must be 1 to " + ClusterCredentials.MAX_TOKEN + " visible ASCII characters without spaces");
        }
        if (credentials.caBundle() != null && (credentials.caBundle().length() > ClusterCredentials.MAX_CA_BUNDLE
                || !isCertificateBundle(credentials.caBundle()))) {
            violations.add(FIELD + ".caBundle", "must be PEM certificates (-----BEGIN CERTIFICATE-----), at most "
                    + ClusterCredentials.MAX_CA_BUNDLE + " characters");
        }
    }

    /**
     * The kubeconfig, parsed by the Kubernetes client and checked; the context to use must exist.
     *
     * @throws IllegalArgumentException naming what is wrong, never quoting the content
     */
    public static Config parse(String kubeconfig, String context) {
        Config config;
        try {
            config = KubeConfigUtils.parseConfigFromString(kubeconfig);
        } catch (RuntimeException e) {
            // The parser's messages quote the document: say only that it is unreadable.
            throw new IllegalArgumentException("is not a readable kubeconfig (YAML or JSON of kind Config)");
        }
        if (config == null || config.getContexts() == null || config.getContexts().isEmpty()) {
            throw new IllegalArgumentException("is not a readable kubeconfig: it has no contexts");
        }
        for (NamedCluster cluster : nonNull(config.getClusters())) {
            if (cluster.getCluster() == null) {
                continue;
            }
            refuse(cluster.getCluster().getCertificateAuthority(), "certificate-authority (a file path; use certificate-authority-data)");
            refuse(cluster.getCluster().getProxyUrl(), "proxy-url");
        }
        for (NamedAuthInfo user : nonNull(config.getUsers())) {
            AuthInfo auth = user.getUser();
            if (auth == null) {
                continue;
            }
            refuse(auth.getExec(), "exec (a program Slipway would run)");
            refuse(auth.getAuthProvider(), "auth-provider");
            refuse(auth.getTokenFile(), "tokenFile (a file path; use token)");
            refuse(auth.getClientCertificate(), "client-certificate (a file path; use client-certificate-data)");
            refuse(auth.getClientKey(), "client-key (a file path; use client-key-data)");
        }
        chosenCluster(config, context);
        return config;
    }

    /** The context to use: the named one, else the kubeconfig's current-context. */
    public static String chosenContext(Config config, String context) {
        return context != null ? context : config.getCurrentContext();
    }

    private static NamedCluster chosenCluster(Config config, String context) {
        String chosen = chosenContext(config, context);
        if (chosen == null || chosen.isBlank()) {
            throw new ContextProblem("is required: the kubeconfig has no current-context");
        }
        NamedContext named = nonNull(config.getContexts()).stream().filter(c -> chosen.equals(c.getName())).findFirst()
                .orElseThrow(() -> new ContextProblem("names no context of the kubeconfig"));
        String clusterName = named.getContext() == null ? null : named.getContext().getCluster();
        NamedCluster cluster = nonNull(config.getClusters()).stream().filter(c -> Objects.equals(clusterName, c.getName()))
                .findFirst().orElse(null);
        if (cluster == null || cluster.getCluster() == null || cluster.getCluster().getServer() == null) {
            throw new IllegalArgumentException("has no cluster with a server for the chosen context");
        }
        String userName = named.getContext().getUser();
        if (userName != null && nonNull(config.getUsers()).stream().noneMatch(u -> userName.equals(u.getName()))) {
            throw new IllegalArgumentException("has no user for the chosen context");
        }
        return cluster;
    }

    private static void refuse(Object value, String what) {
        if (value != null) {
            throw new IllegalArgumentException("must carry everything inline; it uses " + what + ", which Slipway does not accept");
        }
    }

    private static boolean isCertificateBundle(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            return false;
        }
        try {
            return !CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A problem of the context named (or not named) rather than of the kubeconfig itself. */
    private static final class ContextProblem extends IllegalArgumentException {
        ContextProblem(String message) {
            super(message);
        }
    }
}
