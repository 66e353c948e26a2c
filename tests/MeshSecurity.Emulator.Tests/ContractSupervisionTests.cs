using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Contracts.Lockup;
using MeshSecurity.Core.Contracts.MetaStaking;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;
using static MeshSecurity.Emulator.Tests.StandardMesh;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// Supervision of contract actors, with contract code run by the actors or inline in the chain's turn: a contract actor
/// that crashes between transactions is restored from its chain's record, so the next transactions run on the right
/// state and the queries it answers read the committed state: nothing lost, nothing applied twice.
/// </summary>
public class ContractSupervisionTests : TestKit
{
    public ContractSupervisionTests(ITestOutputHelper output) : base(output: output) { }

    /// <summary>Crashes a contract actor and waits until its chain has handed it the recorded state back.</summary>
    private async Task CrashAsync(MeshNetwork net, string chain, Addr contract) =>
        await EventFilter.Warning(contains: $"contract actor {contract} restarted; restoring it from the chain's record")
            .ExpectOneAsync(() =>
            {
                net.ChainRegion.Tell(new ChainCommand.CrashContractActor(chain, contract, "test"));
                return Task.CompletedTask;
            });

    [Theory]
    [InlineData(ContractExecution.Inline)]
    [InlineData(ContractExecution.Actor)]
    public async Task Contracts_that_crash_between_transactions_go_on_from_the_state_their_chain_recorded(ContractExecution mode)
    {
        await using var net = MeshNetwork.Start(Sys, new NetworkSettings(Seed: "supervision", Contracts: mode)).KeepingHistory();
        var link = await net.StartLinkedAsync(Juno);
        var (j1, j2) = (FirstValidator(Juno), SecondValidator(Juno));

        await net.BondAsync(link, Alice, 5_000);
        await CrashAsync(net, Osmosis, link.Lockup);
        await net.GrantClaimAsync(link, Alice, 2_000, j1);          // the lockup still knows the 5,000 bonded
        await net.RunForAsync(30);

        await CrashAsync(net, Osmosis, link.Provider);
        await CrashAsync(net, Juno, link.Consumer);
        await CrashAsync(net, Juno, link.MetaStaking);
        await net.GrantClaimAsync(link, Alice, 1_000, j2);
        await net.RunForAsync(30);

        await CrashAsync(net, Osmosis, link.Provider);
        await CrashAsync(net, Juno, link.Consumer);
        var unstake = await net.ProviderAsync(link, Alice, new ProviderMsg.Execute.Unstake(500, j1.Value));
        Assert.True(unstake.IsSuccess, unstake.ToString());
        await net.RunForAsync(30);
        await CrashAsync(net, Osmosis, link.Lockup);
        var tooMuch = await net.LockupAsync(link, Alice, new LockupMsg.Execute.Unbond(2_001));
        Assert.Equal("ClaimsLocked", tooMuch.Error?.Kind);  // free = 5,000 − 3,000 (the claim stays until unbond)
        var withdraw = await net.LockupAsync(link, Alice, new LockupMsg.Execute.Unbond(2_000));
        Assert.True(withdraw.IsSuccess, withdraw.ToString());
        await net.RunForAsync(30);
        // the answers below come from restored actors (queries are answered by the contract actors)
        foreach (var (chain, contract) in new[]
                 { (Osmosis, link.Lockup), (Osmosis, link.Provider), (Juno, link.Consumer), (Juno, link.MetaStaking) })
            await CrashAsync(net, chain, contract);

        var lockup = await net.LockupBalanceAsync(link, Alice);
        Assert.Equal(((Amount)3_000, Amount.Zero), (lockup.Bonded, lockup.Free));
        Assert.Equal((Amount)3_000, Assert.Single(lockup.Claims).Amount);
        Assert.Equal(UserFunds - 3_000, await net.BalanceAsync(Osmosis, Alice, "uosmo"));
        Assert.Equal(((Amount)1_500, (Amount)1_000), ((await net.ProviderStakeAsync(link, j1)).Tokens, (await net.ProviderStakeAsync(link, j2)).Tokens));
        Assert.Equal(((Amount)1_500, (Amount)150), ((await net.RemoteStakeAsync(link, j1)).Amount, await net.ChainDelegationAsync(link, j1)));
        Assert.Equal(((Amount)1_000, (Amount)100), ((await net.RemoteStakeAsync(link, j2)).Amount, await net.ChainDelegationAsync(link, j2)));
        Assert.Equal((Amount)500, Assert.Single((await net.ProviderAccountAsync(link, Alice)).Unbonding).Amount);
        var meta = await net.QueryAsync<MetaStakingMsg.ConsumerResponse>(Juno, link.MetaStaking, new MetaStakingMsg.Query.ConsumerInfo(link.Consumer.Value));
        Assert.Equal(((Amount)250, StakingFunds), (meta.TotalStaked, meta.AvailableFunds));

        // every step ran exactly once
        var history = await net.HistoryAsync();
        Assert.Equal(2, history.Actions(Osmosis, LockupEvents.GrantClaim, link.Lockup).Count());
        Assert.Equal(2, history.Actions(Osmosis, ProviderEvents.ReceiveClaim, link.Provider).Count());
        Assert.Equal(2, history.ContractEvents(Osmosis, ProviderEvents.AckStake).Count());
        Assert.Single(history.ContractEvents(Osmosis, ProviderEvents.AckUnstake));
        Assert.Equal(2, history.Actions(Juno, MetaStakingEvents.Delegate, link.MetaStaking).Count());
        Assert.Single(history.Actions(Juno, MetaStakingEvents.Undelegate, link.MetaStaking));
        Assert.Equal(0, (await net.ChannelInfoAsync(link.MeshChannelId)).FailedTxs);
    }
}
