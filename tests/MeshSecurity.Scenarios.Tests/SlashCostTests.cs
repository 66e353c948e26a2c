using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// report.json's `slash_costs`: what one double-sign's slash costs as it fans out from the provider over 1 and over 3
/// consumers that share one staker's collateral: the provider's contract calls (its slash, the lockup's cut, one cut
/// per other provider), one Burn per consumer, each received and undelegated there (each consumer keeps a second
/// validator, so juno does not halt when its validator is tombstoned).
/// </summary>
public sealed class SlashCostTests
{
    private static string Scenario(int consumers)
    {
        var ids = new[] { "juno", "stars", "akash" }.Take(consumers).ToList();
        var chains = string.Join("\n", ids.Select(id =>
            $"  {{ id = {id}, prefix = {id}, denom = u{id}, validators = [ {{ name = {id}-val, stake = 1000000000 }}, " +
            $"{{ name = {id}-other, stake = 1000000000 }} ] }}"));
        var links = string.Join("\n", ids.Select(id =>
            $"  {{ provider = osmosis, consumer = {id}, exchange-rate = \"1\", staking-funds = 1000000000 }}"));
        var stakes = string.Join("\n", ids.Select(id =>
            $"  {{ at = 2m, action = cross-stake, account = alice, provider = osmosis, consumer = {id}, validator = {id}-val, " +
            "amount = 400000000 }"));
        return $$"""
            scenario { name = cost, seed = 5, duration = 30m }
            chains = [
              { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 1000000000 } ]
                accounts = [ { name = alice, balance = "1000000000uosmo" } ] }
            {{chains}}
            ]
            links = [
            {{links}}
            ]
            steps = [
              { at = 1m, action = bond, chain = osmosis, account = alice, amount = 400000000 }
            {{stakes}}
              { at = 10m, action = double-sign, chain = juno, validator = juno-val }
            ]
            """;
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public async Task A_slash_costs_one_burn_per_consumer_and_a_cut_per_other_provider(int consumers, int providerCalls)
    {
        var r = await Runs.Of(Scenario(consumers));

        var slash = Assert.Single(r.Slashes, s => s.Source == "slasher");
        var cost = r.SlashCosts[r.Slashes.IndexOf(slash)];
        Assert.Equal(r.Slashes.Length, r.SlashCosts.Length);
        Assert.Equal(("osmosis", "juno-val"), (cost.Chain, cost.Validator));
        Assert.Equal((providerCalls, consumers, 0, consumers, consumers, consumers),
            (cost.ProviderCalls, cost.Packets, cost.Resends, cost.Delivered, cost.Consumers, cost.ConsumerCalls));
        Assert.NotNull(cost.EmulatedTime);
        Assert.Equal(slash.EmulatedLatency, cost.EmulatedTime);
    }
}
