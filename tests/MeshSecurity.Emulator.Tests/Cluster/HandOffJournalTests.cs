using MeshSecurity.Core.Mesh;
using MeshSecurity.Emulator.Cluster;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// shard.handoff between members that journal apart (each to its own SQLite file, as `meshsec node` started without a
/// shared PostgreSQL does): the chain would start on the other member without its history, so the move is refused,
/// naming both journals, and the chain stays where it was and goes on.
/// </summary>
public sealed class HandOffJournalTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-journals-").FullName;

    [Fact]
    public async Task A_chain_is_not_moved_between_members_with_their_own_sqlite_files()
    {
        await using var cluster = LoopbackCluster.Start(2,
            journalOf: i => JournalSettings.Parse($"sqlite:{Path.Combine(_dir, $"member{i}.db")}"));
        await using var net = await cluster.StartNetworkAsync(new NetworkSettings(Seed: "apart"), MeshPlacement.Spread);
        await net.AddChainsAsync(StandardMesh.Juno);
        await net.RunForAsync(12);
        var before = (await net.StateAsync("juno")).Height;

        var (moved, said) = await net.HandOffChainAsync("juno");

        Assert.False(moved);
        Assert.Contains("a chain moved between them would start without its history", said, StringComparison.Ordinal);
        Assert.Contains($"sqlite:127.0.0.1:{Path.Combine(_dir, "member0.db")}", said, StringComparison.Ordinal);
        Assert.Contains($"sqlite:127.0.0.1:{Path.Combine(_dir, "member1.db")}", said, StringComparison.Ordinal);
        await net.RunForAsync(12);
        Assert.True((await net.StateAsync("juno")).Height > before, "the chain goes on where it was");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
