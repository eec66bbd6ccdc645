package dev.slipway.cli;

import dev.slipway.client.ApiException;
import dev.slipway.client.sdk.DeploymentTimeoutException;
import dev.slipway.client.sdk.OidcProvider;
import dev.slipway.client.sdk.Pages;
import dev.slipway.client.sdk.Problems;
import dev.slipway.client.sdk.RefreshingTokenSource;
import dev.slipway.client.sdk.Slipway;
import dev.slipway.client.sdk.TokenException;
import dev.slipway.client.sdk.TokenSource;
import dev.slipway.client.sdk.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The slipway command: global options, where the server and the credentials come from, and how failures end. */
@Command(name = "slipway", mixinStandardHelpOptions = true, version = "slipway 0.1.0",
        description = "Slipway from the command line: applications, environments, configuration, deployments.",
        subcommands = { LoginCommand.class, LogoutCommand.class, ContextCommand.class, AppsCommand.class, EnvsCommand.class,
                ConfigCommand.class, DeployCommand.class, StatusCommand.class, HistoryCommand.class, RollbackCommand.class,
                PromoteCommand.class, ApprovalCommands.Approve.class, ApprovalCommands.Reject.class, FreezeCommand.class,
                ResourcesCommand.class, LogsCommand.class, RuntimeCommand.class, AccessCommand.class, AuditCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done (with --wait: the deployment succeeded)", "1:other error (server error, unreadable file)",
                "2:wrong command line", "3:the deployment failed, was cancelled or superseded", "4:timed out waiting",
                "5:refused by the server (invalid, forbidden, not found, frozen, conflict)", "6:server or identity provider unreachable",
                "7:not logged in, or the token was rejected" })
public class SlipwayCli {

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "Slipway's URL; default $SLIPWAY_URL, then the context's server.")
    String server;

    @Option(names = "--context", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Named context to use; default $SLIPWAY_CONTEXT, then the current one (slipway context use).")
    String context;

    @Option(names = "--issuer", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "OIDC issuer URL people log in at; default $SLIPWAY_ISSUER, then the context's issuer.")
    String issuer;

    @Option(names = { "-o", "--output" }, scope = ScopeType.INHERIT, paramLabel = "FORMAT", defaultValue = "table",
            description = "Output format: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    Output.Format output;

    @Option(names = { "-v", "--verbose" }, scope = ScopeType.INHERIT, description = "On errors, print the whole problem document.")
    boolean verbose;

    final Map<String, String> env;
    final InputStream in;
    final CliSettings settings;
    private Slipway slipway;
    private PrintWriter out;

    SlipwayCli(Map<String, String> env, InputStream in) {
        this.env = env;
        this.in = in;
        this.settings = new CliSettings(ConfigDir.from(env));
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(execute(System.getenv(), System.in, out, err, args));
    }

    /** Runs one command line; the exit code is one of {@link ExitCodes}. */
    static int execute(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err, String... args) {
        SlipwayCli root = new SlipwayCli(env, in);
        CommandLine line = new CommandLine(root);
        // picocli names it generate-completion; `slipway completion` is what people type.
        line.addSubcommand("completion", new AutoComplete.GenerateCompletion());
        root.out = out;
        line.setOut(out).setErr(err).setCaseInsensitiveEnumValuesAllowed(true);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> root.fail(e, err));
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    PrintWriter out() {
        return out;
    }

    Output output() {
        return new Output(out, output, slipwayMapper());
    }

    private com.fasterxml.jackson.databind.ObjectMapper slipwayMapper() {
        return slipway != null ? slipway.objectMapper() : dev.slipway.client.ApiClient.createDefaultObjectMapper();
    }

    String contextName() {
        if (context != null) {
            return context;
        }
        String fromEnv = env.get("SLIPWAY_CONTEXT");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        String current = settings.contexts().current;
        return current != null ? current : CliSettings.DEFAULT_CONTEXT;
    }

    CliSettings.Context currentContext() {
        return settings.contexts().contexts.get(contextName());
    }

    /** The server URL, or null when none is configured anywhere. */
    String serverUrlOrNull() {
        if (server != null) {
            return server;
        }
        if (present("SLIPWAY_URL")) {
            return env.get("SLIPWAY_URL");
        }
        CliSettings.Context ctx = currentContext();
        return ctx == null ? null : ctx.server();
    }

    String issuerUrlOrNull() {
        if (issuer != null) {
            return issuer;
        }
        if (present("SLIPWAY_ISSUER")) {
            return env.get("SLIPWAY_ISSUER");
        }
        CliSettings.Context ctx = currentContext();
        return ctx == null ? null : ctx.issuer();
    }

    /** The SDK, set up for the chosen server and credentials (built once per command). */
    Slipway slipway() {
        if (slipway == null) {
            String url = serverUrlOrNull();
            if (url == null) {
                throw new CliFailure(ExitCodes.USAGE, "no server: pass --server, set SLIPWAY_URL, or add a context (slipway context add)");
            }
            slipway = Slipway.builder(url).tokenSource(tokenSource()).build();
        }
        return slipway;
    }

    /**
     * Credentials, in this order: $SLIPWAY_TOKEN; $SLIPWAY_CLIENT_ID and $SLIPWAY_CLIENT_SECRET
     * (client credentials at the issuer, for CI); the context's cached login, refreshed as needed.
     */
    TokenSource tokenSource() {
        if (present("SLIPWAY_TOKEN")) {
            return TokenSource.of(env.get("SLIPWAY_TOKEN"));
        }
        if (present("SLIPWAY_CLIENT_ID") && present("SLIPWAY_CLIENT_SECRET")) {
            String issuerUrl = issuerUrlOrNull();
            if (issuerUrl == null) {
                throw new CliFailure(ExitCodes.USAGE, "SLIPWAY_CLIENT_ID needs the issuer: pass --issuer or set SLIPWAY_ISSUER");
            }
            return RefreshingTokenSource.clientCredentials(OidcProvider.discover(issuerUrl), env.get("SLIPWAY_CLIENT_ID"),
                    env.get("SLIPWAY_CLIENT_SECRET"), env.get("SLIPWAY_SCOPE"));
        }
        String name = contextName();
        CliSettings.CachedTokens cached = settings.tokens(name);
        if (cached == null) {
            throw new CliFailure(ExitCodes.NOT_AUTHENTICATED, "not logged in (context " + name
                    + "): run slipway login, or set SLIPWAY_TOKEN, or SLIPWAY_CLIENT_ID and SLIPWAY_CLIENT_SECRET");
        }
        OidcProvider[] provider = new OidcProvider[1];
        return new RefreshingTokenSource(cached.tokens(), current -> {
            if (current == null || current.refreshToken() == null) {
                throw new TokenException("the login of context " + name + " has expired: run slipway login");
            }
            if (provider[0] == null) {
                provider[0] = OidcProvider.discover(cached.issuer());
            }
            Tokens renewed = provider[0].refresh(cached.clientId(), current.refreshToken());
            return renewed.refreshToken() == null ? new Tokens(renewed.accessToken(), current.refreshToken(), renewed.expiresAt()) : renewed;
        }, renewed -> settings.saveTokens(name, new CliSettings.CachedTokens(renewed.accessToken(), renewed.refreshToken(),
                renewed.expiresAt(), cached.issuer(), cached.clientId())), Clock.systemUTC());
    }

    private boolean present(String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }

    /** One readable line on stderr (the whole problem with --verbose) and the exit code for the failure. */
    int fail(Exception e, PrintWriter err) {
        Throwable failure = e instanceof Pages.SlipwayCallException paged ? paged.apiException() : e;
        int code;
        String message;
        if (failure instanceof CliFailure cli) {
            code = cli.exitCode();
            message = cli.getMessage();
        } else if (failure instanceof ApiException api) {
            code = exitCodeFor(api);
            message = code == ExitCodes.UNREACHABLE && api.getCode() == 0
                    ? "cannot reach " + serverUrlOrNull() + ": " + rootMessage(api)
                    : Problems.describe(api, slipwayMapper());
            if (verbose && api.getResponseBody() != null) {
                err.println(api.getResponseBody());
            }
        } else if (failure instanceof TokenException token) {
            code = rootCause(token) instanceof IOException ? ExitCodes.UNREACHABLE : ExitCodes.NOT_AUTHENTICATED;
            message = token.getMessage();
        } else if (failure instanceof DeploymentTimeoutException timeout) {
            code = ExitCodes.TIMED_OUT;
            message = timeout.getMessage();
        } else {
            code = ExitCodes.ERROR;
            message = failure.getMessage() != null ? failure.getMessage() : failure.toString();
        }
        if (verbose && !(failure instanceof CliFailure) && !(failure instanceof ApiException)) {
            failure.printStackTrace(err);
        }
        err.println("slipway: " + message);
        err.flush();
        return code;
    }

    static int exitCodeFor(ApiException e) {
        int status = e.getCode();
        if (status == 0) {
            return rootCause(e) instanceof IOException ? ExitCodes.UNREACHABLE : ExitCodes.ERROR;
        }
        if (status == 401) {
            return ExitCodes.NOT_AUTHENTICATED;
        }
        if (status >= 400 && status < 500) {
            return ExitCodes.REFUSED;
        }
        if (status == 502 || status == 504) {
            return ExitCodes.UNREACHABLE;
        }
        return ExitCodes.ERROR;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Why a connection failed, in words (the JDK's exceptions often carry no message). */
    private static String rootMessage(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.net.ConnectException) {
                return "connection refused";
            }
            if (cause instanceof java.net.http.HttpTimeoutException) {
                return "timed out";
            }
            if (cause instanceof java.net.UnknownHostException) {
                return "unknown host " + cause.getMessage();
            }
        }
        Throwable cause = rootCause(e);
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
