using System.Globalization;
using System.Text;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The packet-lifetime bound validate applies (docs/scenarios.md, "Limits") is sufficient for bounded latencies: a link
/// whose lifetime is one second above it sets up, and cross-stakes sent at every alignment of the two chains' blocks are
/// all received, none timed out. Just below it, validate refuses (FeasibilityTests).
/// </summary>
public sealed class LifetimeBoundTests
{
    public static TheoryData<int, int, string, string, int> Grid => new()
    {
        // provider block time (s), consumer block time (s), consumer jitter, latency, the bound (s) validate states
        { 1, 6, "0", "constant, value = 0s", 6 },
        { 6, 1, "0", "constant, value = 0s", 6 },
        { 1, 3, "0", "constant, value = 3s", 6 },
        { 5, 6, "0", "uniform, min = 500ms, max = 2s", 8 },
        { 2, 4, "0.5", "constant, value = 1s", 7 },
    };

    [Theory]
    [MemberData(nameof(Grid))]
    public async Task A_lifetime_one_second_above_the_bound_sets_up_and_times_nothing_out(int providerBlock, int consumerBlock,
        string jitter, string latency, int bound)
    {
        var refused = Parse.Errors(Scenario(providerBlock, consumerBlock, jitter, latency, bound));
        Assert.Contains(refused, e => e.ToString().Contains($"the lifetime must be longer than {bound}s", StringComparison.Ordinal));

        var report = await Runs.Of(Scenario(providerBlock, consumerBlock, jitter, latency, bound + 1));

        var packets = Assert.Single(report.Links).MeshPackets;
        Assert.Equal(0, packets.TimedOut);
        Assert.Equal(packets.Sent, packets.Received);
        Assert.True(packets.Sent >= CrossStakes, $"{packets.Sent} mesh packets sent");
    }

    private const int CrossStakes = 24;

    /// <summary>Cross-stakes 1.3 s apart, so they leave the provider at every offset from the consumer's blocks.</summary>
    private static string Scenario(int providerBlock, int consumerBlock, string jitter, string latency, int lifetime)
    {
        var steps = new StringBuilder("  { at = 5m, action = bond, chain = osmosis, account = alice, amount = 1000000000 }\n");
        for (var i = 0; i < CrossStakes; i++)
            steps.Append(CultureInfo.InvariantCulture, $"  {{ at = {360_000 + i * 1_300}ms, action = cross-stake, account = alice, ")
                .Append("provider = osmosis, consumer = juno, validator = jv, amount = 1000000 }\n");
        return "scenario { name = lifetime, seed = lifetime, duration = 10m }\n" +
            "chains = [\n" +
            $"  {{ id = osmosis, prefix = osmo, denom = uosmo, block-time = {providerBlock}s, " +
            "validators = [ { name = ov, stake = 10000000000 } ], accounts = [ { name = alice, balance = \"2000000000uosmo\" } ] }\n" +
            $"  {{ id = juno, prefix = juno, denom = ujuno, block-time = {consumerBlock}s, block-time-jitter = \"{jitter}\", " +
            "validators = [ { name = jv, stake = 10000000000 } ] }\n" +
            "]\n" +
            "links = [\n" +
            "  { provider = osmosis, consumer = juno, exchange-rate = \"0.5\", staking-funds = 5000000000, " +
            $"packet-lifetime = {lifetime}s\n" +
            $"    relayer {{ latency {{ kind = {latency} }} }} }}\n" +
            "]\n" +
            "steps = [\n" + steps + "]\n";
    }
}
