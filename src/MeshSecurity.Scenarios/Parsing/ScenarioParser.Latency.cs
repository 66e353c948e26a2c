using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Parsing;

public static partial class ScenarioParser
{
    /// <summary>
    /// A net.latency fault's keys on their own, as HOCON (`latency { kind = uniform, min = 5s, max = 30s }` and an optional
    /// `min-latency`), read by the scenario builder's relayer-latency reader: what `meshsec chaos net.latency` acts with.
    /// Null with the errors (their key paths as here: "latency.max") when it is not a latency a step may take; the floor
    /// against a run's lookahead is the caller's to check.
    /// </summary>
    public static LatencySpec? ParseFaultLatency(string text, out IReadOnlyList<ScenarioError> errors)
    {
        const string file = "net.latency";
        if (Hocon(text, file, out var map, out var config) is { } error)
        {
            errors = [error];
            return null;
        }
        var ctx = new ParseContext(file, map);
        var reader = new ObjectReader(ctx, new HoconNode(config.Root ?? new Akka.Configuration.Hocon.HoconValue(), ""),
            ["latency", "min-latency"]);
        var latency = new ScenarioBuilder(ctx).ReadFaultLatency(reader);
        reader.Finish();
        errors = ctx.Errors;
        return errors.Count == 0 ? latency : null;
    }
}
