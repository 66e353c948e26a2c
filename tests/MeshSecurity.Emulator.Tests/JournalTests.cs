using MeshSecurity.Core.Relaying;
using Akka.Actor;
using MeshSecurity.Core.Chain;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Ibc.Transfer;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Emulator.Tests;

public class JournalTests
{
    /// <summary>Two chains, a channel and three transfers on <paramref name="journal"/> (shared with the PostgreSQL tests).</summary>
    internal static async Task<(string AppHashA, string AppHashB, int Diverged)> RunTransfers(JournalSettings journal)
    {
        var system = NodeHost.Start("journal-test", journal, NullLoggerFactory.Instance);
        try
        {
            await using var net = MeshNetwork.Start(system, new NetworkSettings(Seed: "journal")).KeepingHistory();
            var alice = Addr.Derive("a", "alice");
            await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "a-1", AddressPrefix = "a", BondDenom = "ua", BlockTimeSeconds = 5 },
                [new GenesisAccount(alice, Coins.Of("ua", 1_000_000))], [new GenesisValidator("v1", 100)]));
            await net.AddChainAsync(new ChainDefinition(new ChainConfig { ChainId = "b-1", AddressPrefix = "b", BondDenom = "ub", BlockTimeSeconds = 6 },
                [], [new GenesisValidator("v1", 100)]));
            var ends = await net.OpenChannelAsync("a-b/transfer", new ChannelSpec("a-1", "transfer", "b-1", "transfer", TransferModule.Version,
                Latency: new LatencyModel.Uniform(1, 3), Seed: "journal"));
            for (var i = 0; i < 3; i++)
                await net.MustExecuteAsync("a-1", alice, new CosmosMsg.IbcTransfer(ends.ChannelA, Addr.Derive("b", "bob").Value, new Coin("ua", 100),
                    IbcTimeout.AtTime((await net.NowAsync()).PlusSeconds(600))));
            await net.RunForAsync(60);
            var a = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState("a-1"));
            var b = await net.ChainRegion.Ask<ChainReply.State>(new ChainCommand.GetState("b-1"));
            return (a.AppHash, b.AppHash, (await net.HistoryAsync()).OfType<EmulatorEvent.ReplayDiverged>().Count());
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Two_runs_with_the_same_seed_end_with_the_same_app_hashes()
    {
        var a = await RunTransfers(JournalSettings.Memory);
        var b = await RunTransfers(JournalSettings.Memory);
        Assert.Equal(a.AppHashA, b.AppHashA);
        Assert.Equal(a.AppHashB, b.AppHashB);
    }

    [Fact]
    public async Task Blocks_with_transactions_are_journaled_in_sqlite_and_a_rerun_verifies_them()
    {
        var dir = Directory.CreateTempSubdirectory("meshsec-journal-");
        var path = Path.Combine(dir.FullName, "journal.db");
        var first = await RunTransfers(new JournalSettings(path));

        long rows;
        await using (var c = new SqliteConnection($"Data Source={path}"))
        {
            await c.OpenAsync();
            var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT COUNT(*) FROM journal";
            rows = (long)(await cmd.ExecuteScalarAsync())!;
        }
        Assert.True(rows > 5, $"expected the chains' blocks in the journal, found {rows} rows");

        // the same run on the same journal re-produces every journaled block and finds them equal
        var second = await RunTransfers(new JournalSettings(path));
        Assert.Equal(first.AppHashA, second.AppHashA);
        Assert.Equal(first.AppHashB, second.AppHashB);
        Assert.Equal(0, second.Diverged);
    }
}
