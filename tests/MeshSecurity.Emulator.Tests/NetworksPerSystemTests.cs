using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Emulator.Tests;

/// <summary>
/// Two networks on one actor system with the same chain ids keep separate journals: the second starts from its own
/// genesis instead of replaying (and "diverging from") the first one's blocks.
/// </summary>
public class NetworksPerSystemTests
{
    private static async Task<(string AppHash, int Diverged)> RunOn(ActorSystem system, ulong amount)
    {
        await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "two-networks")).KeepingHistory();
        var alice = Addr.Derive("a", "alice");
        await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua", BlockTimeSeconds = 5 },
            [new GenesisAccount(alice, Coins.Of("ua", 1_000_000))], [new GenesisValidator("v1", 100)]));
        for (var i = 0; i < 3; i++)
            await net.MustExecuteAsync("a-1", alice, new CosmosMsg.BankSend(Addr.Derive("a", "bob"), Coins.Of("ua", amount)));
        await net.RunForAsync(30);
        var state = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState("a-1"));
        return (state.AppHash, (await net.HistoryAsync()).OfType<EmulatorEvent.ReplayDiverged>().Count());
    }

    [Fact]
    public async Task The_second_network_of_a_system_runs_from_its_own_genesis_like_a_network_alone()
    {
        var shared = NodeHost.Start("two-networks", JournalSettings.Memory, NullLoggerFactory.Instance);
        var alone = NodeHost.Start("one-network", JournalSettings.Memory, NullLoggerFactory.Instance);
        try
        {
            // different transactions on the same chain id: read as the first one's blocks, they would "diverge"
            var first = await RunOn(shared, 10);
            var second = await RunOn(shared, 20);
            var reference = await RunOn(alone, 20);
            Assert.Equal(0, first.Diverged);
            Assert.Equal(0, second.Diverged);
            Assert.NotEqual(first.AppHash, second.AppHash);
            Assert.Equal(reference.AppHash, second.AppHash);
        }
        finally
        {
            await shared.Terminate();
            await alone.Terminate();
        }
    }
}
