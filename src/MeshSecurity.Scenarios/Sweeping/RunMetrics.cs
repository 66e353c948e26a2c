using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using MeshSecurity.Scenarios.Reporting;

namespace MeshSecurity.Scenarios.Sweeping;

/// <summary>
/// The figures a sweep compares, read from one run's report, in a fixed order: each link's share of its consumer's
/// bonded power at the end, the slowest slash's reach time, the counts of failed expectations, invariants and steps,
/// and every numeric expectation reading (`what = ...`) the scenario declares.
/// </summary>
public static partial class RunMetrics
{
    public const string SlashReach = "slash reach (s)";
    public const string SlashesUnreached = "slashes never reaching every consumer";
    public const string FailedExpectations = "failed expectations";
    public const string FailedInvariants = "failed invariants";
    public const string FailedSteps = "failed steps";

    /// <summary>Shares are rounded down to this many decimals (an exact quotient of two u128 amounts does not fit a decimal).</summary>
    private const int ShareDecimals = 9;

    public static IReadOnlyList<(string Name, decimal Value)> Of(RunReport r)
    {
        var metrics = new List<(string, decimal)>();
        foreach (var link in r.Links)
            if (PowerShare(r, link) is { } share) metrics.Add(($"power share {link.Provider}->{link.Consumer}", share));
        var withBurns = r.Slashes.Where(s => s.Reached.Length > 0).ToList();
        var reach = withBurns.Where(s => s.EmulatedLatency is not null).Select(s => Model.Duration.Parse(s.EmulatedLatency!)).ToList();
        if (reach.Count > 0) metrics.Add((SlashReach, reach.Max().Nanos / (decimal)Model.Duration.NanosPerSecond));
        if (withBurns.Count > 0) metrics.Add((SlashesUnreached, withBurns.Count - reach.Count));
        metrics.Add((FailedExpectations, r.Result.FailedExpectations));
        metrics.Add((FailedInvariants, r.Result.FailedInvariants));
        metrics.Add((FailedSteps, r.Result.FailedSteps));
        foreach (var e in r.Expectations)
            if (Number(e.Actual) is { } v) metrics.Add(($"#{e.Index} {e.Target} at {e.At}", v));
        return metrics;
    }

    /// <summary>
    /// The link's meta-staking delegations to bonded validators over the tokens of every bonded validator of the consumer
    /// (null when it has none), rounded down.
    /// </summary>
    private static decimal? PowerShare(RunReport r, RunReport.LinkInfo link)
    {
        if (r.Chains.FirstOrDefault(c => c.Id == link.Consumer) is not { } chain) return null;
        var bonded = chain.Validators.Where(v => v.Status == "bonded").ToList();
        var total = bonded.Aggregate(BigInteger.Zero, (sum, v) => sum + BigInteger.Parse(v.Tokens, CultureInfo.InvariantCulture));
        if (total.IsZero) return null;
        var names = bonded.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
        var delegated = link.Stakes.Where(s => names.Contains(s.Validator))
            .Aggregate(BigInteger.Zero, (sum, s) => sum + BigInteger.Parse(s.Delegation, CultureInfo.InvariantCulture));
        var scale = BigInteger.Pow(10, ShareDecimals);
        return (decimal)(delegated * scale / total) / (decimal)scale;
    }

    /// <summary>A reading as a number: an amount, a count, or a coin ("1000uosmo"); null for anything else or too large.</summary>
    private static decimal? Number(string? actual)
    {
        if (actual is null || NumberPattern().Match(actual) is not { Success: true } m) return null;
        return decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out var v) ? v : null;
    }

    [GeneratedRegex(@"^""?(-?[0-9]{1,28}(?:\.[0-9]{1,18})?)(?:[a-z][a-zA-Z0-9/:._-]*)?""?$")]
    private static partial Regex NumberPattern();
}
