using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

public sealed class ChainSectionTests
{
    private const string Full = """
        scenario { name = t }
        chains = [
          {
            id = osmosis-1
            prefix = osmo
            denom = uosmo
            block-time = 5s
            block-time-jitter = "0.25"
            unbonding-period = 14d
            max-validators = 50
            reward-per-block = 1000000
            double-sign-slash = "0.1"
            power-reduction = 1000000
            validators = [
              { name = val-a, stake = 5000000 }
              { name = val-b, stake = "7_000_000" }
              { name = val-c, stake = "9000000uosmo" }
            ]
            accounts = [
              { name = alice, balance = "1000uosmo" }
              { name = bob, balance = "10uosmo,5ujuno" }
              { name = carol, balance = [ "3uosmo", "4ibc/ABC" ] }
              { name = dave, balance = 77 }
              { name = erin }
            ]
          }
        ]
        """;

    [Fact]
    public void Every_key_is_read()
    {
        var c = Assert.Single(Parse.Ok(Full).Chains);
        Assert.Equal("osmosis-1", c.Id);
        Assert.Equal("osmo", c.Prefix);
        Assert.Equal("uosmo", c.Denom);
        Assert.Equal(Duration.FromSeconds(5), c.BlockTime);
        Assert.Equal(Dec.Parse("0.25"), c.BlockTimeJitter);
        Assert.Equal(Duration.FromDays(14), c.UnbondingPeriod);
        Assert.Equal(50, c.MaxValidators);
        Assert.Equal((Amount)1_000_000, c.RewardPerBlock);
        Assert.Equal(Dec.Parse("0.1"), c.DoubleSignSlash);
        Assert.Equal((Amount)1_000_000, c.PowerReduction);
        Assert.Equal(["val-a", "val-b", "val-c"], c.Validators.Select(v => v.Name));
        Assert.Equal([(Amount)5_000_000, 7_000_000, 9_000_000], c.Validators.Select(v => v.Stake));
    }

    [Fact]
    public void Balances_in_every_form()
    {
        var c = Assert.Single(Parse.Ok(Full).Chains);
        Assert.Equal(Coins.Of("uosmo", 1000), c.Account("alice")!.Balance);
        Assert.Equal(Coins.Of(new Coin("uosmo", 10), new Coin("ujuno", 5)), c.Account("bob")!.Balance);
        Assert.Equal(Coins.Of(new Coin("uosmo", 3), new Coin("ibc/ABC", 4)), c.Account("carol")!.Balance);
        Assert.Equal(Coins.Of("uosmo", 77), c.Account("dave")!.Balance);
        Assert.Equal(Coins.Empty, c.Account("erin")!.Balance);
    }

    [Fact]
    public void Defaults()
    {
        var c = Parse.Ok(Parse.Base).Chain("juno");
        Assert.Equal(Duration.FromSeconds(6), c.BlockTime);
        Assert.Equal(Dec.Zero, c.BlockTimeJitter);
        Assert.Equal(Duration.FromDays(21), c.UnbondingPeriod);
        Assert.Equal(100, c.MaxValidators);
        Assert.Equal(Amount.Zero, c.RewardPerBlock);
        Assert.Equal(Dec.Parse("0.05"), c.DoubleSignSlash);
        Assert.Equal(Amount.One, c.PowerReduction);
    }

    [Fact]
    public void Chains_keep_file_order_and_locations()
    {
        var s = Parse.Ok(Parse.Base);
        Assert.Equal(["osmosis", "juno"], s.Chains.Select(c => c.Id));
        Assert.Equal(new SourceLocation(Parse.File, 3, 3, "chains[0]"), s.Chains[0].Location);
        Assert.Equal(new SourceLocation(Parse.File, 4, 3, "chains[1]"), s.Chains[1].Location);
        Assert.Equal(new SourceLocation(Parse.File, 3, 64, "chains[0].validators[0]"), s.Chains[0].Validators[0].Location);
    }

    [Fact]
    public void Huge_amounts_are_exact()
    {
        // the largest balance whose chain's supply still fits u128: juno also mints jv's 100, jv2's 50 and the link's 1000
        // (a stake that large is refused: a validator's shares hold less, FeasibilityTests)
        var s = Parse.Ok(Parse.Base.Replace("balance = 10 }", "balance = 340282366920938463463374607431768210305 }",
            StringComparison.Ordinal));
        Assert.Equal(Coins.Of("ujuno", Amount.MaxValue - new Amount(1150)), s.Chain("juno").Account("jack")!.Balance);
    }
}
