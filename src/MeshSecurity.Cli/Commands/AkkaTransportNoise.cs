using Serilog.Events;

namespace MeshSecurity.Cli.Commands;

/// <summary>
/// Akka's transport warnings (an association refused, an address gated, a join tried again): a driver that finds no
/// cluster, or loses a member, says so in its own words, so on the console they only repeat it, line after line. They
/// still go to meshsec.log, and to the console when --log-level asks for info or more.
/// </summary>
public static class AkkaTransportNoise
{
    private static readonly HashSet<string> Sources = new(StringComparer.Ordinal)
    {
        "Akka.Remote.EndpointWriter", "Akka.Remote.ReliableDeliverySupervisor", "Akka.Cluster.JoinSeedNodeProcess",
    };

    public static bool Is(LogEvent e) =>
        e.Level == LogEventLevel.Warning
        && e.Properties.TryGetValue(Serilog.Core.Constants.SourceContextPropertyName, out var value)
        && value is ScalarValue { Value: string source }
        && (Sources.Contains(source)
            || source == "Akka" && e.MessageTemplate.Text.StartsWith("Tried to associate with unreachable remote address",
                StringComparison.Ordinal));
}
