package org.tidemq.tools.admin;

import org.tidemq.client.admin.AdminException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code bin/mqadmin}: Apache RocketMQ's admin tool command line over TideMQ's admin client. Same command names,
 * options and output columns; failures print one line on stderr and exit non-zero ({@code --verbose} adds the stack
 * trace).
 */
@Command(name = "mqadmin",
        description = "The most commonly used mqadmin commands are:",
        footer = "%nSee 'mqadmin help <command>' for more information on a specific command.")
public final class MqAdmin {
    /** Exit code of a failed command (cluster refused, unreachable, unknown topic or group). */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a command line that could not be parsed. */
    public static final int EXIT_USAGE = 2;

    private MqAdmin() {
    }

    public static void main(String[] args) {
        ToolContext context = ToolContext.system();
        int code;
        try {
            code = run(context, args);
        } catch (RuntimeException | Error unexpected) {
            code = onFailure(unexpected, "", Arrays.asList(args).contains("--verbose"), context.err());
        }
        System.exit(code);
    }

    /** Runs one invocation; returns the process exit code. */
    public static int run(ToolContext context, String... args) {
        CommandLine commandLine = commandLine(context);
        if (args.length == 0) {
            commandLine.usage(context.out());
            context.out().flush();
            return 0;
        }
        int code = commandLine.execute(args);
        context.out().flush();
        context.err().flush();
        return code;
    }

    /** The picocli tree: every command of {@link CommandCatalog}, the {@code help} command and error handling. */
    static CommandLine commandLine(ToolContext context) {
        CommandLine commandLine = new CommandLine(new MqAdmin());
        commandLine.addSubcommand("help", new CommandLine.HelpCommand());
        for (Map.Entry<String, AdminCommand> command : CommandCatalog.create().entrySet()) {
            command.getValue().bind(context);
            commandLine.addSubcommand(command.getKey(), command.getValue());
            commandLine.getSubcommands().get(command.getKey())
                    .setAllowOptionsAsOptionParameters(command.getValue().acceptsOptionLikeValues());
        }
        // Apache's mqadmin finds commands ignoring case (so its aliases, such as QueryMsgTraceById, work too).
        commandLine.setSubcommandsCaseInsensitive(true);
        commandLine.setOut(context.out());
        commandLine.setErr(context.err());
        commandLine.setUsageHelpWidth(120);
        commandLine.setParameterExceptionHandler(MqAdmin::onBadCommandLine);
        commandLine.setExecutionExceptionHandler((failure, failed, parseResult) -> {
            Object command = failed.getCommand();
            boolean verbose = command instanceof AdminCommand admin && admin.verbose();
            return onFailure(failure, failed.getCommandName(), verbose, context.err());
        });
        return commandLine;
    }

    private static int onBadCommandLine(ParameterException problem, String[] args) {
        CommandLine failed = problem.getCommandLine();
        PrintWriter err = failed.getErr();
        String name = failed.getCommandSpec().qualifiedName();
        err.printf("%s: %s (see 'mqadmin help%s')%n", name, problem.getMessage(),
                failed.getParent() == null ? "" : " " + failed.getCommandName());
        err.flush();
        return EXIT_USAGE;
    }

    /** One line naming the command and the problem; the trace only when asked for. */
    static int onFailure(Throwable failure, String commandName, boolean verbose, PrintWriter err) {
        err.printf("mqadmin%s: %s%n", commandName.isEmpty() ? "" : " " + commandName, describe(failure));
        if (verbose) {
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
        return EXIT_FAILURE;
    }

    /** The failure's message, first line only: brokers append FAQ links on further lines. */
    static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? null : failure.getMessage().lines().findFirst().orElse("");
        if (failure instanceof ToolFailure || failure instanceof AdminException
                || failure instanceof IllegalArgumentException) {
            return message == null ? failure.getClass().getSimpleName() : message;
        }
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
