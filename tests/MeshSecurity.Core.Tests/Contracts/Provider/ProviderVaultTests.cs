using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using static MeshSecurity.Core.Tests.Contracts.Provider.ProviderFixture;

namespace MeshSecurity.Core.Tests.Contracts.Provider;

/// <summary>A provider for a vault lockup declares its slash ratios and commits or rolls back each stake's lien on its ack.</summary>
public sealed class ProviderVaultTests
{
    private static readonly SlashRatio Ratio = new(Dec.Percent(10), Dec.Percent(1));

    private static ProviderFixture Vault() => new(instantiate: ProviderFixture.Instantiate() with { SlashRatio = Ratio });

    private static CosmosMsg ToLockup(LockupMsg.Execute msg) => new CosmosMsg.WasmExecute(LockupAddr, msg, Coins.Empty);

    [Fact]
    public void It_declares_its_ratios_to_the_lockup_when_instantiated_and_a_seed_provider_does_not()
    {
        var declare = ToLockup(new LockupMsg.Execute.DeclareSlashRatio(Dec.Percent(10), Dec.Percent(1)));
        Assert.Contains(declare, NonPackets(Vault().InstantiateResponse));
        Assert.DoesNotContain(new ProviderFixture().InstantiateResponse.Messages, m => m.Msg is CosmosMsg.WasmExecute);
    }

    [Fact]
    public void A_success_ack_commits_the_lien_and_a_failure_or_timeout_rolls_it_back()
    {
        var p = Vault();
        var ok = p.StakeRemotely(Alice, 100);
        Assert.Equal([ToLockup(new LockupMsg.Execute.CommitClaim(Alice.Value, 100))], NonPackets(ok));

        var refused = p.AckError(p.ReceiveClaim(Alice, 40));
        Assert.Equal([ToLockup(new LockupMsg.Execute.RollbackClaim(Alice.Value, 40))], NonPackets(refused));
        var lost = p.Timeout(p.ReceiveClaim(Alice, 30));
        Assert.Equal([ToLockup(new LockupMsg.Execute.RollbackClaim(Alice.Value, 30))], NonPackets(lost));
        Assert.Equal(new Amount(100), p.TokensOf(Alice));
    }

    [Fact]
    public void A_cut_while_in_flight_is_left_out_of_the_commit()
    {
        var p = Vault();
        p.StakeRemotely(Alice, 100);
        var packet = p.ReceiveClaim(Alice, 50);
        p.Cut(Alice, 120); // the active 100, then 20 of the stake in flight as debt
        var ack = p.AckOk(packet, new ProviderPacketAck.Stake());
        Assert.Contains(ToLockup(new LockupMsg.Execute.CommitClaim(Alice.Value, 30)), NonPackets(ack));
        Assert.Equal(new Amount(30), p.TokensOf(Alice));
    }
}
