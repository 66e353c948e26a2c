using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// A run stopped part-way and resumed from its latest checkpoint (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md)
/// writes the report and events.jsonl of a run that was never stopped, byte for byte; a checkpoint it cannot use
/// leaves the resume to the replay from genesis, which says why.
/// </summary>
public sealed class CheckpointResumeTests
{
    /// <summary>Two chains (one jittered), transfers, staking and a refused step, expectations before and after the cut.</summary>
    private const string Scenario = """
        scenario { name = checkpoint-resume, seed = "checkpoint", duration = 30m }
        chains = [
          { id = osmosis, prefix = osmo, denom = uosmo, block-time = 6s
            validators = [ { name = osmo-val-1, stake = 10000000000 }, { name = osmo-val-2, stake = 10000000000 } ]
            accounts = [ { name = alice, balance = "2000000000uosmo" }, { name = bob, balance = "1000uosmo" } ] }
          { id = juno, prefix = juno, denom = ujuno, block-time = 5s, block-time-jitter = "0.1"
            validators = [ { name = juno-val-1, stake = 10000000000 } ]
            accounts = [ { name = jack, balance = "3000000000ujuno" } ] }
        ]
        steps = [
          { at = 2m, action = send, chain = osmosis, from = alice, to = bob, amount = "5000000uosmo" }
          { at = 9m, action = delegate, chain = juno, account = jack, validator = juno-val-1, amount = 1000000000 }
          { at = 21m, action = undelegate, chain = juno, account = jack, validator = juno-val-1, amount = 400000000 }
          { at = 22m, action = unjail, chain = osmosis, validator = osmo-val-1, expect-error = NotJailed }
        ]
        expect = [
          { at = 5m, what = balance, chain = osmosis, account = bob, denom = uosmo, equals = "5001000uosmo" }
          { at = 25m, what = balance, chain = juno, account = jack, denom = ujuno, equals = "2000000000ujuno" }
        ]
        """;

    private static readonly Duration StopAt = Duration.FromMinutes(17);

    private static async Task<(ScenarioRunner Runner, string? Report)> Run(string dir, Duration? stopAfter = null, bool resumed = false,
        EventsDetail events = EventsDetail.Summary, string scenario = Scenario, IReadOnlyList<(Duration, string)>? crashes = null)
    {
        var options = new RunOptions(new JournalSettings(Path.Combine(dir, "journal.db")), dir, SpeedMax: true, StopAfter: stopAfter,
            Resumed: resumed, Events: events, CrashChains: crashes) { CheckpointEvery = TimeSpan.Zero };
        var runner = new ScenarioRunner(Parse.Ok(scenario), options, NullLoggerFactory.Instance);
        var report = await runner.RunAsync();
        return (runner, report is null ? null : ReportWriter.Json(report));
    }

    private static string Events(string dir) => File.ReadAllText(Path.Combine(dir, "events.jsonl"));

    [Theory]
    [InlineData(3)]
    // a checkpoint.json of the version before the runner's part (written as a v2 build writes it): still used
    [InlineData(2)]
    public async Task A_stopped_run_resumed_from_its_checkpoint_writes_the_report_and_events_of_an_uninterrupted_run(int version)
    {
        var whole = Directory.CreateTempSubdirectory("meshsec-whole-").FullName;
        var (_, uninterrupted) = await Run(whole);
        var stopped = Directory.CreateTempSubdirectory("meshsec-stopped-").FullName;
        Assert.Null((await Run(stopped, StopAt)).Report);
        Assert.True(File.Exists(Path.Combine(stopped, RunCheckpoint.FileName)));

        if (version == 2) AsVersion2(Path.Combine(stopped, RunCheckpoint.FileName));

        var (runner, resumed) = await Run(stopped, resumed: true);

        Assert.Equal(StopAt, runner.ResumedAt);
        Assert.Null(runner.ReplayReason);
        Assert.NotNull(uninterrupted);
        Assert.Contains("\"ok\": true,\n    \"failed_expectations\": 0", uninterrupted.Replace("\r\n", "\n"));
        Assert.Equal(uninterrupted, resumed);
        Assert.Equal(Events(whole), Events(stopped));
    }

    /// <summary>
    /// A crash-chain step before the cut and injected crashes (RunOptions.CrashChains, as ChainCrashTests inject them) on
    /// both sides of it: the run takes checkpoints (a chain still rebuilding puts the cut off to the next slice) and the
    /// resumed run crashes the chains the schedule names after the cut.
    /// </summary>
    [Fact]
    public async Task A_run_that_crashes_chains_resumes_from_its_checkpoint_to_the_report_and_events_of_an_uninterrupted_run()
    {
        var scenario = Scenario.Replace("steps = [", "steps = [\n  { at = 12m, action = crash-chain, chain = juno }",
            StringComparison.Ordinal);
        (Duration, string)[] crashes = [(Duration.FromMinutes(14), "osmosis"), (Duration.FromMinutes(19), "juno")];
        var whole = Directory.CreateTempSubdirectory("meshsec-whole-").FullName;
        var (_, uninterrupted) = await Run(whole, scenario: scenario, crashes: crashes);
        var stopped = Directory.CreateTempSubdirectory("meshsec-stopped-").FullName;
        Assert.Null((await Run(stopped, StopAt, scenario: scenario, crashes: crashes)).Report);

        var (runner, resumed) = await Run(stopped, resumed: true, scenario: scenario, crashes: crashes);

        Assert.Null(runner.ReplayReason);
        Assert.Equal(StopAt, runner.ResumedAt);
        Assert.Contains(runner.Recoveries, r => r.ChainId == "juno");
        Assert.Equal(uninterrupted, resumed);
        Assert.Equal(Events(whole), Events(stopped));
    }

    /// <summary>
    /// The IBC faults (nemesis.conf draws them): error acks switched on for stakes and the provider's light clients frozen
    /// at the cut, both ended after it (the acks switched off, the clients recovered, the relayers restarted). The runner's
    /// switches as last sent are in the checkpoint, so the resumed run sends the same ends and nothing twice.
    /// </summary>
    [Fact]
    public async Task A_run_cut_while_ibc_faults_are_in_force_resumes_from_its_checkpoint_to_the_same_report_and_events()
    {
        const string ibc = """
            scenario { name = ibc-faults-resume, seed = "ibc-faults", duration = 20m }
            chains = [
              { id = osmosis, prefix = osmo, denom = uosmo, block-time = 6s, unbonding-period = 2h
                validators = [ { name = osmo-val-1, stake = 10000000000 } ]
                accounts = [ { name = alice, balance = "2000000000uosmo" } ] }
              { id = juno, prefix = juno, denom = ujuno, block-time = 5s, unbonding-period = 2h
                validators = [ { name = juno-val-1, stake = 10000000000 } ] }
            ]
            links = [ { provider = osmosis, consumer = juno, exchange-rate = "0.5", staking-funds = 5000000000 } ]
            steps = [
              { at = 30s, action = bond, chain = osmosis, account = alice, amount = 1000000000 }
              { at = 1m, chaos = ibc.error-ack, provider = osmosis, consumer = juno, packet = stake, for = 10m }
              { at = 2m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1
                amount = 100000000 }
              { at = 3m, chaos = ibc.client-expire, provider = osmosis, consumer = juno, side = provider, for = 8m }
              { at = 12m, action = cross-stake, account = alice, provider = osmosis, consumer = juno, validator = juno-val-1
                amount = 200000000 }
            ]
            """;
        var whole = Directory.CreateTempSubdirectory("meshsec-whole-").FullName;
        var (_, uninterrupted) = await Run(whole, scenario: ibc);
        var stopped = Directory.CreateTempSubdirectory("meshsec-stopped-").FullName;
        var cut = Duration.FromMinutes(6);
        Assert.Null((await Run(stopped, cut, scenario: ibc)).Report);
        var runner = RunCheckpoint.FromJson(File.ReadAllText(Path.Combine(stopped, RunCheckpoint.FileName))).Runner;
        Assert.NotEmpty(runner.ErrorAcks);
        Assert.NotEmpty(runner.Frozen);

        var (resumedRunner, resumed) = await Run(stopped, resumed: true, scenario: ibc);

        Assert.Equal(cut, resumedRunner.ResumedAt);
        Assert.Equal(uninterrupted, resumed);
        Assert.Equal(Events(whole), Events(stopped));
    }

    [Fact]
    public async Task A_run_resumed_from_an_older_checkpoint_checks_the_blocks_its_journal_holds_after_it_and_ends_the_same()
    {
        var whole = Directory.CreateTempSubdirectory("meshsec-whole-").FullName;
        var (_, uninterrupted) = await Run(whole);
        var stopped = Directory.CreateTempSubdirectory("meshsec-stopped-").FullName;
        Assert.Null((await Run(stopped, Duration.FromMinutes(8))).Report);
        var older = Directory.CreateTempSubdirectory("meshsec-older-").FullName;
        CopyCheckpoint(stopped, older);
        // the resumed run goes on to 17m and journals the blocks up to there; its own checkpoints are then set aside
        Assert.Equal(Duration.FromMinutes(8), (await Run(stopped, StopAt, resumed: true)).Runner.ResumedAt);
        Directory.Delete(Path.Combine(stopped, RunCheckpoint.Folder), recursive: true);
        CopyCheckpoint(older, stopped);

        var (runner, resumed) = await Run(stopped, resumed: true);

        Assert.Equal(Duration.FromMinutes(8), runner.ResumedAt);
        Assert.Equal(uninterrupted, resumed);
        Assert.Contains("\"name\": \"resumed run matches its journal\",\n      \"ok\": true", resumed!.Replace("\r\n", "\n"));
        Assert.Equal(Events(whole), Events(stopped));
    }

    /// <summary>checkpoint.json as a v2 build wrote it: version 2, no runner part.</summary>
    private static void AsVersion2(string file)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!.AsObject();
        Assert.True(json.Remove("runner"));
        json["version"] = 2;
        File.WriteAllText(file, json.ToJsonString());
    }

    private static void CopyCheckpoint(string from, string to)
    {
        File.Copy(Path.Combine(from, RunCheckpoint.FileName), Path.Combine(to, RunCheckpoint.FileName), overwrite: true);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(from, RunCheckpoint.Folder), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    [Theory]
    [InlineData("another events.jsonl detail", EventsDetail.All, "its checkpoint wrote events.jsonl with another --events")]
    [InlineData("a chain's snapshot lost", EventsDetail.Summary, "the snapshot of chain juno of its checkpoint is missing")]
    public async Task A_checkpoint_that_cannot_be_used_leaves_the_resume_to_the_replay_from_genesis_which_says_why(string label,
        EventsDetail events, string why)
    {
        Assert.NotEmpty(label);
        var whole = Directory.CreateTempSubdirectory("meshsec-whole-").FullName;
        var (_, uninterrupted) = await Run(whole, events: events);
        var stopped = Directory.CreateTempSubdirectory("meshsec-stopped-").FullName;
        Assert.Null((await Run(stopped, StopAt)).Report);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(stopped, RunCheckpoint.Folder), "juno.*", SearchOption.AllDirectories))
            if (events == EventsDetail.Summary) File.Delete(file);

        var (runner, resumed) = await Run(stopped, resumed: true, events: events);

        Assert.Null(runner.ResumedAt);
        Assert.Equal(why, runner.ReplayReason);
        Assert.Equal(uninterrupted, resumed);
        Assert.Equal(Events(whole), Events(stopped));
    }

    /// <summary>
    /// A part that exists but cannot be read (damaged JSON, headers cut short, a state of the wrong shape) passes the checks
    /// on checkpoint.json; the resume reads every part before its network starts, so it replays from genesis and names it.
    /// </summary>
    [Theory]
    [InlineData("juno.json", "{\"definition\":", "the snapshot of chain juno of its checkpoint cannot be read (")]
    [InlineData("juno.headers", "\u0005", "the snapshot of chain juno of its checkpoint cannot be read (")]
    [InlineData("juno.json", null, "the snapshot of chain juno of its checkpoint cannot be read (")]
    public async Task A_damaged_part_leaves_the_resume_to_the_replay_from_genesis_which_names_it(string file, string? content, string why)
    {
        var whole = Directory.CreateTempSubdirectory("meshsec-whole-").FullName;
        var (_, uninterrupted) = await Run(whole);
        var stopped = Directory.CreateTempSubdirectory("meshsec-stopped-").FullName;
        Assert.Null((await Run(stopped, StopAt)).Report);
        var part = Directory.EnumerateFiles(Path.Combine(stopped, RunCheckpoint.Folder), file, SearchOption.AllDirectories).Single();
        // null: valid JSON whose chain state is not one (its field of another type)
        File.WriteAllText(part, content ?? File.ReadAllText(part).Replace("\"state\":{", "\"state\":[{", StringComparison.Ordinal)
            .Replace(",\"contracts\":", "],\"contracts\":", StringComparison.Ordinal));

        var (runner, resumed) = await Run(stopped, resumed: true);

        Assert.Null(runner.ResumedAt);
        Assert.StartsWith(why, runner.ReplayReason);
        Assert.Equal(uninterrupted, resumed);
        Assert.Equal(Events(whole), Events(stopped));
    }
}
