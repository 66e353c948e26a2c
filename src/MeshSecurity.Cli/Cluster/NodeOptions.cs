using System.Collections.Immutable;
using System.CommandLine;
using System.Globalization;
using MeshSecurity.Emulator.Hosting;
using Env = MeshSecurity.Emulator.Hosting.NodeSettings.Environment;

namespace MeshSecurity.Cli.Cluster;

/// <summary>
/// The flags of a cluster member, each falling back to its MESHSEC_* variable and then to <see cref="NodeSettings"/>'s
/// default: what `meshsec node` reads, and the address part of `meshsec run --cluster`.
/// </summary>
public sealed class NodeOptions
{
    public Option<string?> Hostname { get; } = new("--hostname")
    {
        Description = $"The address other members reach this one at; 'auto': this machine's first non-loopback IPv4 " +
            $"(${Env.Hostname}; default 127.0.0.1).",
    };

    public Option<string?> BindHostname { get; } = new("--bind-hostname")
    {
        Description = $"The interface to listen on, e.g. 0.0.0.0 in a container (${Env.BindHostname}; default: the hostname).",
    };

    public Option<string?> Port { get; } = new("--port")
    {
        Description = $"The remoting port, 0 for any free one (${Env.Port}; default 4053).",
    };

    public Option<string?> Seeds { get; } = new("--seeds")
    {
        Description = $"Comma-separated seed addresses, akka.tcp://meshsec@HOST:PORT (${Env.Seeds}; default: this node itself).",
    };

    public Option<string?> Roles { get; } = new("--roles") { Description = $"Comma-separated roles (${Env.Roles}; default mesh)." };

    public Option<string?> Journal { get; } = new("--journal")
    {
        Description = $"postgres:CONNECTION-STRING (a cluster's: a chain recovers on whichever member takes it), sqlite:PATH or " +
            $"memory (${Env.Journal}; default memory).",
    };

    public Option<string?> ControlPort { get; } = new("--control-port")
    {
        Description = $"HTTP control port on loopback (or the bind hostname): GET /health, GET /status, /chaos; 0 for any free " +
            $"one (printed once listening), none for no API (${Env.ControlPort}; default 4080).",
    };

    public Option<string?> ControlToken { get; } = new("--control-token")
    {
        Description = $"Bearer token the control API's chaos endpoints require; needed to use them when the API is bound " +
            $"anywhere but loopback (${Env.ControlToken}).",
    };

    public Option<string?> Config { get; } = new("--config") { Description = $"A HOCON file over hocon/cluster.conf (${Env.ConfigFile})." };

    public Option<bool> TransportFaults { get; } = new("--transport-faults")
    {
        Description = $"Remote through Akka.Remote's throttler, so that meshsec chaos node.partition and node.throttle work " +
            $"(${Env.TransportFaults}=1). Every member must agree; their addresses read {NodeSettings.FaultProtocol}://.",
    };

    public IEnumerable<Option> All =>
        [Hostname, BindHostname, Port, Seeds, Roles, Journal, ControlPort, ControlToken, Config, TransportFaults];

    /// <summary>The settings from the flags, the environment and the defaults; a bad value throws a FormatException naming it.</summary>
    public NodeSettings Resolve(ParseResult parse, Func<string, string?> environment, NodeSettings defaults)
    {
        string? Get(Option<string?> flag, string variable) =>
            parse.GetValue(flag) is { Length: > 0 } v ? v : environment(variable) is { Length: > 0 } e ? e : null;
        var s = defaults;
        if (Get(Hostname, Env.Hostname) is { } host) s = s with { Hostname = host };
        if (Get(BindHostname, Env.BindHostname) is { } bind) s = s with { BindHostname = bind };
        if (Get(Port, Env.Port) is { } port) s = s with { Port = ParsePort(port, "--port", Env.Port, allowZero: true) };
        if (Get(Seeds, Env.Seeds) is { } seeds) s = s with { Seeds = ParseSeeds(seeds) };
        if (Get(Roles, Env.Roles) is { } roles) s = s with { Roles = List(roles) };
        if (Get(Journal, Env.Journal) is { } journal) s = s with { Journal = JournalSettings.Parse(journal) };
        if (Get(ControlPort, Env.ControlPort) is { } control)
            s = s with
            {
                ControlPort = control is "none" ? null : ParsePort(control, "--control-port", Env.ControlPort, allowZero: true, "none"),
            };
        if (Get(ControlToken, Env.ControlToken) is { } token) s = s with { ControlToken = token };
        if (Get(Config, Env.ConfigFile) is { } file)
            s = File.Exists(file) ? s with { ConfigFile = file } : throw new FormatException($"--config {file}: no such file");
        if (parse.GetValue(TransportFaults) || environment(Env.TransportFaults) is "1" or "true" or "on")
            s = s with { TransportFaults = true };
        return s;
    }

    private static int ParsePort(string text, string flag, string variable, bool allowZero, string? orWord = null) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535 && (allowZero || p > 0)
            ? p
            : throw new FormatException($"{flag} (or {variable}) must be a port number 0-65535{(orWord is null ? "" : $" or {orWord}")}, " +
                $"got '{text}'");

    internal static ImmutableArray<string> ParseSeeds(string text)
    {
        var seeds = List(text);
        foreach (var seed in seeds)
        {
            if (!Uri.TryCreate(seed, UriKind.Absolute, out var uri) || uri.UserInfo != NodeSettings.SystemName || uri.Port <= 0
                || uri.Scheme is not (NodeSettings.PlainProtocol or NodeSettings.FaultProtocol))
                throw new FormatException($"--seeds (or {Env.Seeds}): '{seed}' is not an address like " +
                    $"akka.tcp://{NodeSettings.SystemName}@127.0.0.1:4053");
        }
        return seeds;
    }

    private static ImmutableArray<string> List(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
