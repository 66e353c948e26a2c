using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>`action = mint` and a chain's `reward-rate`: what they read, and a located error for each misuse.</summary>
public sealed class MintStepTests
{
    private static ScenarioStep.Mint One(string step) =>
        Assert.IsType<ScenarioStep.Mint>(Assert.Single(Parse.Ok(Parse.WithStep(step)).Steps));

    [Theory]
    [InlineData("chain = osmosis, contract = lockup", "osmosis", "lockup", null, null)]
    [InlineData("chain = juno, contract = meta-staking", "juno", "meta-staking", null, null)]
    [InlineData("chain = osmosis, contract = provider, provider = osmosis, consumer = juno", "osmosis", "provider", "osmosis", "juno")]
    [InlineData("chain = osmosis, contract = slasher, provider = osmosis, consumer = juno", "osmosis", "slasher", "osmosis", "juno")]
    [InlineData("chain = juno, contract = consumer, provider = osmosis, consumer = juno", "juno", "consumer", "osmosis", "juno")]
    public void A_mint_to_a_contract_names_its_role_and_link(string target, string chain, string contract, string? provider,
        string? consumer)
    {
        var step = One($"{{ at = 5m, action = mint, {target}, amount = 7 }}");
        Assert.Equal((chain, null, contract, provider, consumer), (step.Chain, step.Account, step.Contract, step.Provider, step.Consumer));
        Assert.Equal(step.Chain == "juno" ? "7ujuno" : "7uosmo", step.Amount.ToString());
    }

    /// <summary>Each row is a mint step with one thing wrong; the error points at the key (line 8).</summary>
    [Theory]
    [InlineData("chain = osmosis, amount = 5", "{", "steps[0].to", "missing required key \"to\"")]
    [InlineData("chain = osmosis, to = alice, contract = lockup, amount = 5", "contract", "steps[0].contract", "give either to")]
    [InlineData("chain = osmosis, to = alcie, amount = 5", "to", "steps[0].to", "did you mean \"alice\"")]
    [InlineData("chain = osmosis, contract = lokcup, amount = 5", "contract", "steps[0].contract",
        "unknown contract \"lokcup\" (did you mean \"lockup\"?)")]
    [InlineData("chain = juno, contract = lockup, amount = 5", "contract", "steps[0].contract", "juno provides to no consumer")]
    [InlineData("chain = osmosis, contract = meta-staking, amount = 5", "contract", "steps[0].contract", "no link has osmosis")]
    [InlineData("chain = juno, contract = provider, provider = osmosis, consumer = juno, amount = 5", "chain", "steps[0].chain",
        "the provider contract of osmosis -> juno is on osmosis, not on juno")]
    [InlineData("chain = osmosis, to = alice, provider = osmosis, amount = 5", "provider", "steps[0].provider",
        "provider names a link, which a mint to an account does not take")]
    [InlineData("chain = osmosis, to = alice", "{", "steps[0].amount", "missing required key \"amount\"")]
    [InlineData("chain = osmosis, to = alice, amount = 0", "amount", "steps[0].amount", "expected at least one coin above zero")]
    [InlineData("chain = osmosis, to = alice, amount = \"5 uosmo\"", "amount", "steps[0].amount", "expected coins")]
    public void A_misused_mint_step_is_a_located_error(string keys, string at, string key, string message)
    {
        Parse.SingleAt(Parse.WithStep($"{{ at = 5m, action = mint, {keys} }}"), 8, at, key, message);
    }

    [Fact]
    public void A_reward_rate_is_read_and_defaults_to_zero()
    {
        Assert.All(Parse.Ok(Parse.Base).Chains, c => Assert.Equal(Dec.Zero, c.RewardRate));
        var text = Parse.Base.Replace("denom = ujuno,", "denom = ujuno, reward-rate = \"0.05\",", StringComparison.Ordinal);
        Assert.Equal(Dec.Percent(5), Parse.Ok(text).Chains[1].RewardRate);
    }

    [Theory]
    [InlineData("\"11\"", "expected an annual rate from 0 to 10, got 11")]
    [InlineData("fast", "expected a decimal")]
    public void A_reward_rate_out_of_range_is_a_located_error(string value, string message)
    {
        var text = Parse.Base.Replace("denom = ujuno,", $"denom = ujuno, reward-rate = {value},", StringComparison.Ordinal);
        Parse.SingleAt(text, 4, "reward-rate", "chains[1].reward-rate", message);
    }
}
