using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>Production's "immediate unstake if unbonded or tombstoned validator", as a provider option.</summary>
public sealed class ProviderInactiveUnstakeTests
{
    private static ProviderFixture Provider(bool releaseAtOnce) =>
        new(instantiate: Instantiate() with { ReleaseInactiveUnstakes = releaseAtOnce ? true : null });

    [Theory]
    [InlineData("success: released at once from a tombstoned validator", true, "tombstoned", true)]
    [InlineData("success: released at once from a removed (unbonded) validator", true, "removed", true)]
    [InlineData("success: a jailed validator may come back, so its unstake waits", true, "jailed", false)]
    [InlineData("success: a downtime jail (jailed and removed in one update) still waits", true, "jailed-and-removed", false)]
    [InlineData("success: an active validator's unstake waits", true, "active", false)]
    [InlineData("success: by default (the seed) even a tombstoned validator's unstake waits", false, "tombstoned", false)]
    public void An_unstake_from_a_removed_or_tombstoned_validator_matures_at_once_when_the_link_says_so(
        string label, bool releaseAtOnce, string status, bool atOnce)
    {
        Assert.NotEmpty(label);
        var p = Provider(releaseAtOnce);
        p.StakeRemotely(Alice, 1000);
        _ = status switch
        {
            "tombstoned" => p.UpdateValidators(tombstoned: [V1]),
            "removed" => p.UpdateValidators(removed: [V1]),
            "jailed" => p.UpdateValidators(jailed: [V1]),
            "jailed-and-removed" => p.UpdateValidators(removed: [V1], jailed: [V1]),
            _ => null,
        };
        p.UnstakeAcked(Alice, 400);
        var claim = Assert.Single(p.Account(Alice).Unbonding);
        Assert.Equal(new Amount(400), claim.Amount);
        if (atOnce)
        {
            var back = p.H.Execute(Alice, new ProviderMsg.Execute.Unbond());
            Assert.Equal([ToLockup(new LockupMsg.Execute.ReleaseClaim(Alice.Value, 400))], back.Messages.Select(m => m.Msg).ToArray());
        }
        else
        {
            Assert.IsType<ProviderError.NothingToClaim>(p.H.ExecuteFails(Alice, new ProviderMsg.Execute.Unbond()));
            p.SkipTime(UnbondingPeriod);
            Assert.Single(p.H.Execute(Alice, new ProviderMsg.Execute.Unbond()).Messages);
        }
    }
}
