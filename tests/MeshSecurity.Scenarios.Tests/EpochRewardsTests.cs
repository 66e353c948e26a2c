using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// Rewards on a consumer with epochs (docs/scenarios.md "Epochs"): meta-staking pays each epoch's rewards at its end,
/// so the provider's stakers see nothing during an epoch and the epoch's whole sum at its end.
/// </summary>
public sealed class EpochRewardsTests
{
    [Fact]
    public async Task Stakers_earn_nothing_during_an_epoch_and_the_epochs_sum_at_its_end()
    {
        // juno's only validator jv earns 2,000 a block; alice's 100 is delegated at the epoch's end at 2m6s (heights 40,
        // 50, 60 end the epochs at 2m6s, 3m6s, 4m6s), beside jv's own 100: meta-staking earns 1,000 a block from then on
        const string text = """
            scenario { name = t, duration = 4m40s }
            chains = [
              { id = osmosis, prefix = osmo, denom = uosmo, validators = [ { name = ov, stake = 1000 } ]
                accounts = [ { name = alice, balance = "1000uosmo" } ] }
              { id = juno, prefix = juno, denom = ujuno, epoch = 10, reward-per-block = 2000, validators = [ { name = jv, stake = 100 } ] }
            ]
            links = [ { provider = osmosis, consumer = juno, exchange-rate = "1", staking-funds = 1000 } ]
            steps = [
              { at = 1m, action = bond, chain = osmosis, account = alice, amount = 100 }
              { at = 1m10s, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = jv, amount = 100 }
            ]
            expect = [
              { at = 2m, what = delegation, chain = juno, validator = jv, provider = osmosis, equals = 0 }
              { at = 2m10s, what = delegation, chain = juno, validator = jv, provider = osmosis, equals = 100 }
              { at = 3m, what = query, contract = provider, provider = osmosis, consumer = juno
                msg = { pending_rewards { address = "@alice", validator = "@juno/validator:jv" } }, path = "rewards", equals = "0" }
              { at = 3m40s, what = query, contract = provider, provider = osmosis, consumer = juno
                msg = { pending_rewards { address = "@alice", validator = "@juno/validator:jv" } }, path = "rewards", equals = "10000" }
              { at = 4m, what = query, contract = provider, provider = osmosis, consumer = juno
                msg = { pending_rewards { address = "@alice", validator = "@juno/validator:jv" } }, path = "rewards", equals = "10000" }
              { at = 4m40s, what = query, contract = provider, provider = osmosis, consumer = juno
                msg = { pending_rewards { address = "@alice", validator = "@juno/validator:jv" } }, path = "rewards", equals = "20000" }
            ]
            """;
        var report = await Runs.Of(text);
        Assert.All(report.Expectations, e => Assert.True(e.Ok, $"{e.What} at {e.At}: expected {e.Expected}, got {e.Actual}"));
        Assert.True(report.Result.Ok, "the run failed its own checks (steps or invariants)");
    }
}
