using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

public sealed class ProviderEvictionTests
{
    [Fact]
    public void An_InternalUnstake_turns_every_stake_on_the_validator_into_a_claim_released_at_once()
    {
        var p = new ProviderFixture();
        p.StakeRemotely(Alice, 1000);
        p.StakeRemotely(Bob, 400);
        p.StakeRemotely(Alice, 50, V2);

        var r = p.Receive(new ConsumerPacket.InternalUnstake(V1, new Amount(1400)));
        Assert.True(r.Acknowledgement!.IsSuccess);
        Assert.Contains(r.Attributes, a => a.Key == ProviderEvents.ReleasedKey && a.Value == "1400");
        Assert.Equal(Amount.Zero, p.TokensOf(Alice) + p.TokensOf(Bob));
        Assert.Equal(new Amount(50), p.TokensOf(Alice, V2));
        Assert.Equal(new Amount(1000), Assert.Single(p.Account(Alice).Unbonding).Amount);

        // no unbonding period to wait: the claim goes back to the lockup now
        var back = p.H.Execute(Alice, new ProviderMsg.Execute.Unbond());
        Assert.Equal([ToLockup(new LockupMsg.Execute.ReleaseClaim(Alice.Value, 1000))], back.Messages.Select(m => m.Msg).ToArray());
    }
}
