using System.Collections.Immutable;

namespace MeshSecurity.Emulator.Hosting;

/// <summary>
/// How a cluster member (<c>meshsec node</c>, or the driver of <c>meshsec run --cluster</c>) is reached and what it keeps.
/// Every setting comes from a flag or, failing that, from the environment variable named in <see cref="Environment"/>
/// (docker-compose.yml and deploy/ configure nodes that way), or falls back to the default shown there.
/// </summary>
public sealed record NodeSettings
{
    /// <summary>The actor system's name: every member of one cluster must share it (it is part of each address).</summary>
    public const string SystemName = "meshsec";

    /// <summary>The role of members that host chains, channels and the time keeper.</summary>
    public const string MeshRole = "mesh";

    /// <summary>The role of a driver (<c>meshsec run --cluster</c>): it hosts no entity, it runs a scenario on the others.</summary>
    public const string DriverRole = "driver";

    /// <summary>The address other members reach this one at (in a container, its service name).</summary>
    public string Hostname { get; init; } = "127.0.0.1";

    /// <summary>The interface it listens on; the <see cref="Hostname"/> when null (0.0.0.0 in a container).</summary>
    public string? BindHostname { get; init; }

    /// <summary>The remoting port; 0 picks a free one (a driver's default).</summary>
    public int Port { get; init; } = 4053;

    /// <summary>Seed nodes (akka.tcp://meshsec@host:port); empty: this node is its own seed (a cluster of one, to grow).</summary>
    public ImmutableArray<string> Seeds { get; init; } = [];

    public ImmutableArray<string> Roles { get; init; } = [MeshRole];

    /// <summary>Where entities journal and snapshot: PostgreSQL for a cluster (a chain recovers on whichever node takes it).</summary>
    public JournalSettings Journal { get; init; } = JournalSettings.Memory;

    /// <summary>
    /// The HTTP control port (GET /health, GET /status, chaos) on the loopback interface unless bound elsewhere; 0: any free
    /// port (the node prints the one it took); null: none.
    /// </summary>
    public int? ControlPort { get; init; } = 4080;

    /// <summary>
    /// The bearer token the control API's chaos endpoints require (always when given; and, bound anywhere but loopback, they
    /// refuse every request without one).
    /// </summary>
    public string? ControlToken { get; init; }

    /// <summary>Extra HOCON layered over hocon/cluster.conf (a file path), or null.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>
    /// Remoting through Akka.Remote's throttler adapter, so that `meshsec chaos node.partition` and `node.throttle` are
    /// real transport faults. Every member of the cluster must agree: the adapter is part of each address's protocol
    /// (<see cref="FaultProtocol"/>), and seeds given in either protocol are read in this member's.
    /// </summary>
    public bool TransportFaults { get; init; }

    /// <summary>The remoting protocol of plain members.</summary>
    public const string PlainProtocol = "akka.tcp";

    /// <summary>The remoting protocol of members started with <see cref="TransportFaults"/>.</summary>
    public const string FaultProtocol = "akka.trttl.tcp";

    /// <summary>This member's remoting protocol.</summary>
    public string Protocol => TransportFaults ? FaultProtocol : PlainProtocol;

    /// <summary>This member's own address, as seeds name it.</summary>
    public string Address => $"{Protocol}://{SystemName}@{Hostname}:{Port}";

    /// <summary>A seed address in this member's protocol (users write akka.tcp:// whichever the cluster uses).</summary>
    public string InProtocol(string seed)
    {
        foreach (var protocol in new[] { FaultProtocol, PlainProtocol })
            if (seed.StartsWith(protocol + "://", StringComparison.Ordinal)) return Protocol + seed[protocol.Length..];
        return seed;
    }

    /// <summary>The environment variables a node reads, by setting (the names docker-compose.yml and deploy/ use).</summary>
    public static class Environment
    {
        public const string Hostname = "MESHSEC_HOSTNAME";
        public const string BindHostname = "MESHSEC_BIND_HOSTNAME";
        public const string Port = "MESHSEC_PORT";
        public const string Seeds = "MESHSEC_SEEDS";
        public const string Roles = "MESHSEC_ROLES";
        public const string Journal = "MESHSEC_JOURNAL";
        public const string ControlPort = "MESHSEC_CONTROL_PORT";
        public const string ConfigFile = "MESHSEC_CONFIG";
        public const string ControlToken = "MESHSEC_CONTROL_TOKEN";
        public const string TransportFaults = "MESHSEC_TRANSPORT_FAULTS";

        public static readonly ImmutableArray<string> All =
            [Hostname, BindHostname, Port, Seeds, Roles, Journal, ControlPort, ControlToken, ConfigFile, TransportFaults];
    }
}
