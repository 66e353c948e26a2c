using MeshSecurity.Core.Math;
using MeshSecurity.Core.Contracts.Consumer;
using static MeshSecurity.Core.Tests.Flows.MeshNetwork;
namespace MeshSecurity.Core.Tests.Flows;
public sealed class ScratchTests
{
    [Fact]
    public void Transfer_timeout()
    {
        var net = new MeshNetwork();
        net.Bond(Alice, 1000).Succeeds();
        net.GrantClaim(Alice, net.ToJuno, JunoV1, 1000).Succeeds();
        net.RelayAll();
        net.SkipBlocks(4);
        net.WithdrawRewards(net.ToJuno, JunoV1).Succeeds();
        net.ToJuno.TransferPath.Paused = true;
        net.RelayAll();
        net.SkipTime(PacketLifetime + 10);
        net.ToJuno.TransferPath.Paused = false;
        var st = net.RelayAll();
        var und = net.Juno.Query<ConsumerMsg.UndeliveredRewardsResponse>(net.ToJuno.ConsumerContract, new ConsumerMsg.Query.UndeliveredRewards());
        var r = net.ClaimRewards(Alice, net.ToJuno, JunoV1);
        var fails = string.Join(" || ", net.Chains.SelectMany(c => c.Blocks.Skip(c.Blocks.Count - 6).SelectMany(b => b.TxResults.Where(t => !t.IsSuccess).Select(t => c.ChainId + ":" + t))));
        Assert.Fail($"{fails} {st} consumer={net.Juno.Balance(net.ToJuno.ConsumerContract, "ujuno")} undelivered={und.Rewards.Length} claim={r} provider={net.Osmosis.Balance(net.ToJuno.ProviderContract, net.ToJuno.RewardsDenom)}");
    }
}
