package dev.slipway.cli;

import picocli.CommandLine.Command;

/** Forgets the cached tokens of the context. */
@Command(name = "logout", description = "Forget the cached login of the context.")
class LogoutCommand extends BaseCommand {
    @Override
    int run() {
        String name = root().contextName();
        root().settings.saveTokens(name, null);
        output().message("Logged out (context " + name + ")");
        return ExitCodes.OK;
    }
}
