package io.logplane.launcher;

import picocli.CommandLine.Command;

/** {@code logplane server}: one API server with its own projection, usually on an external Kafka. */
@Command(name = "server", mixinStandardHelpOptions = true,
    description = "Start one Logplane server (projection and API); use --kafka for a Kafka cluster.")
public final class ServerCommand extends UpCommand {}
