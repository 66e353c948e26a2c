using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// checkpoint.json's formats (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): v3, with the runner's part, reads
/// and writes back to its golden file's bytes; v2, as a build before v3 wrote it (Golden/checkpoint.v2.json), still reads,
/// with an empty runner part (its runs had none).
/// </summary>
public sealed class RunCheckpointFormatTests
{
    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    [Fact]
    public void A_v3_checkpoint_reads_and_writes_back_to_its_golden_bytes()
    {
        var json = Golden("checkpoint.v3.json");

        var checkpoint = RunCheckpoint.FromJson(json);

        Assert.Equal(RunCheckpoint.CurrentVersion, checkpoint.Version);
        Assert.Equal(json, checkpoint.ToJson());
        var runner = checkpoint.Runner;
        Assert.Equal(RunnerCheckpoint.CurrentManifest, runner.Manifest);
        Assert.Equal([3, 5], runner.Chaos);
        Assert.Equal(-30_000_000_000L, runner.Consensus.Single().ClockOffsetNanos);
        Assert.Equal("mesh-provider/channel-1/unstake", runner.ErrorAcks.Single().Key);
        Assert.Equal("07-tendermint-0", runner.Frozen.Single().ClientId);
        Assert.Equal(["0.4", null], runner.Shocks.Select(s => s.Factor?.ToString()));
        Assert.True(runner.Races.Single().Compete);
        Assert.Equal(("osmosis-juno/mesh-reopened-1", 6, 1), (runner.Reopenings.Single().Channel, runner.Reopenings.Single().Step,
            runner.Reopens));
        Assert.Equal(7, runner.Refusals.Single().Step);
        Assert.Equal(["holder", "osmosis", "juno"], runner.Fixtures.Concat(runner.FixtureLockups).Concat(runner.FixtureMetaStakings)
            .Select(f => f.Name));
    }

    [Fact]
    public void A_v2_checkpoint_still_reads_with_an_empty_runner_part()
    {
        var checkpoint = RunCheckpoint.FromJson(Golden("checkpoint.v2.json"));

        Assert.Equal(2, checkpoint.Version);
        Assert.True(RunCheckpoint.Reads(checkpoint.Version));
        Assert.Same(RunnerCheckpoint.Empty, checkpoint.Runner);
        Assert.Equal(("osmosis", 3L, 30UL), (checkpoint.Chains.Single().Chain, checkpoint.Chains.Single().SequenceNr,
            checkpoint.Chains.Single().Height));
        Assert.Equal("step/0/0", checkpoint.Steps.Single().Txs.Single().TxId);
        Assert.False(RunCheckpoint.Reads(1));
        Assert.False(RunCheckpoint.Reads(RunCheckpoint.CurrentVersion + 1));
    }
}
