using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Tests.Support;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>A link's `inactive-unstake`: what it reads, and a located error for a misspelt value.</summary>
public sealed class InactiveUnstakeTests
{
    private static string WithLink(string more) =>
        Parse.Base.Replace("staking-funds = 1000", "staking-funds = 1000, " + more, StringComparison.Ordinal);

    [Theory]
    [InlineData("success: the seed's default waits the unbonding period", "", InactiveUnstake.AfterUnbonding)]
    [InlineData("success: production releases at once", "inactive-unstake = at-once", InactiveUnstake.AtOnce)]
    [InlineData("success: the default said", "inactive-unstake = after-unbonding", InactiveUnstake.AfterUnbonding)]
    public void A_link_reads_when_an_unstake_from_an_inactive_validator_matures(string label, string keys, InactiveUnstake expected)
    {
        Assert.NotEmpty(label);
        Assert.Equal(expected, Assert.Single(Parse.Ok(keys.Length == 0 ? Parse.Base : WithLink(keys)).Links).InactiveUnstake);
    }

    [Fact]
    public void A_misspelt_inactive_unstake_is_a_located_error_with_a_suggestion()
    {
        Parse.SingleAt(WithLink("inactive-unstake = at-onse"), 6, "inactive-unstake", "links[0].inactive-unstake",
            "did you mean \"at-once\"");
    }
}
