using System.Diagnostics;
using System.Text;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Cli.Bench;

public sealed partial class BenchRunner
{
    // h. resume: a long run stopped near its end, resumed from its checkpoint and replayed from genesis

    /// <summary>
    /// <paramref name="n"/> chains (5 validators, 6 s blocks, one bank send per chain every emulated hour) run for
    /// <paramref name="hours"/> on the SQLite journal and stopped a slice before the end, which writes a checkpoint there
    /// (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md). Its folder and journal are copied twice per repetition;
    /// one copy loses its checkpoint. Both are resumed to the same stop: one from its checkpoint, the other by replaying
    /// from genesis. Each time is the wall time of the whole resume (actor system, journal, chains, up to the stop).
    /// </summary>
    private Task ResumeAsync(int n, double hours) => ResumeAsync(ResumeScenario(n, hours), n, hours, "", $"{n} chains");

    /// <summary>
    /// The same with links: <paramref name="consumers"/> consumer chains linked to one provider, on which alice bonds and
    /// cross-stakes to every consumer each emulated hour, so each relayer carries packets and acknowledgements, and the cut
    /// holds every relayer's state (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md). Figures with "_links".
    /// </summary>
    private Task ResumeLinkedAsync(int consumers, double hours) =>
        ResumeAsync(LinkedResumeScenario(consumers, hours), consumers, hours, "_links", $"{consumers} linked consumers");

    private async Task ResumeAsync(Scenario scenario, int n, double hours, string suffix, string of)
    {
        var root = Directory.CreateTempSubdirectory("meshsec-bench-resume-").FullName;
        try
        {
            var stop = new Duration(scenario.Duration.Nanos - Math.Max(scenario.Duration.Nanos / 200, Duration.NanosPerSecond));
            var original = Path.Combine(root, "run");
            var run = Stopwatch.StartNew();
            await ResumeRun(scenario, original, stop, resumed: false);
            run.Stop();
            // each path twice, alternated, each on its own copy: the second of each runs on a warmed-up process
            var (fromCheckpoint, fromGenesis) = (new List<double>(), new List<double>());
            for (var rep = 0; rep < 2; rep++)
            {
                var (checkpointed, copy) = (Path.Combine(root, $"checkpoint-{rep}"), Path.Combine(root, $"replay-{rep}"));
                CopyFolder(original, checkpointed);
                CopyFolder(original, copy);
                File.Delete(Path.Combine(copy, ScenarioRunner.CheckpointFile));
                var resume = Stopwatch.StartNew();
                var resumed = await ResumeRun(scenario, checkpointed, stop, resumed: true);
                fromCheckpoint.Add(resume.Elapsed.TotalSeconds);
                if (resumed.ResumedAt != stop)
                    throw new InvalidOperationException($"bench: the resume started at {resumed.ResumedAt}, not at its checkpoint {stop}");
                var replay = Stopwatch.StartNew();
                var replayed = await ResumeRun(scenario, copy, stop, resumed: true);
                fromGenesis.Add(replay.Elapsed.TotalSeconds);
                if (replayed.ResumedAt is not null) throw new InvalidOperationException("bench: the copy resumed from a checkpoint");
            }
            var what = $"{of}, {hours:0.##} h emulated, stopped at {stop}; the run itself took {run.Elapsed.TotalSeconds:0.0} s";
            var checkpointResult = Add(new BenchResult($"resume_from_checkpoint{suffix}_n{n}", "h", $"resume of {of} from a checkpoint",
                "s", fromCheckpoint, what, $"resume_from_checkpoint{suffix}", n));
            var replayResult = Add(new BenchResult($"resume_replay_from_genesis{suffix}_n{n}", "h",
                $"resume of {of} by replay from genesis", "s", fromGenesis, what, $"resume_replay_from_genesis{suffix}", n));
            Add(new BenchResult($"resume_vs_replay{suffix}", "h", $"resume from a checkpoint / replay from genesis ({of})", "%",
                [100 * checkpointResult.Median / replayResult.Median], $"ratio of the two medians; {what}"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task<ScenarioRunner> ResumeRun(Scenario scenario, string dir, Duration stop, bool resumed)
    {
        var options = new RunOptions(new JournalSettings(Path.Combine(dir, "journal.db")), dir, SpeedMax: true, StopAfter: stop,
            Resumed: resumed);
        var runner = new ScenarioRunner(scenario, options, NullLoggerFactory.Instance);
        if (await runner.RunAsync() is not null) throw new InvalidOperationException("bench: the run did not stop where it was told");
        return runner;
    }

    private static Scenario ResumeScenario(int n, double hours)
    {
        var text = new StringBuilder($"scenario {{ name = resume-bench, seed = resume, duration = {hours * 60:0}m }}\nchains = [\n");
        for (var i = 0; i < n; i++)
            text.Append($"  {{ id = c{i:000}, prefix = c{i:000}, denom = uc{i:000}, block-time = 6s, validators = [ ")
                .AppendJoin(", ", Enumerable.Range(1, 5).Select(v => $"{{ name = c{i:000}-v{v}, stake = {1000 * v} }}"))
                .Append($" ], accounts = [ {{ name = alice, balance = \"1000000uc{i:000}\" }}, {{ name = bob }} ] }}\n");
        text.Append("]\nsteps = [\n");
        for (var h = 0; h < hours; h++)
            for (var i = 0; i < n; i++)
                text.Append($"  {{ at = {h * 60 + 1}m, action = send, chain = c{i:000}, from = alice, to = bob, ")
                    .Append($"amount = \"1uc{i:000}\" }}\n");
        return ScenarioParser.Parse(text.Append("]\n").ToString(), "resume-bench.conf");
    }

    private static Scenario LinkedResumeScenario(int consumers, double hours)
    {
        var text = new StringBuilder($"scenario {{ name = resume-links-bench, seed = resume, duration = {hours * 60:0}m }}\nchains = [\n")
            .Append("  { id = p, prefix = p, denom = uprov, block-time = 6s, validators = [ { name = p-v1, stake = 10000000000 } ], ")
            .Append("accounts = [ { name = alice, balance = \"1000000000000uprov\" } ] }\n");
        for (var i = 0; i < consumers; i++)
            text.Append($"  {{ id = c{i:000}, prefix = c{i:000}, denom = uc{i:000}, block-time = 5s, ")
                .Append($"validators = [ {{ name = c{i:000}-v1, stake = 10000000000 }} ] }}\n");
        text.Append("]\nlinks = [\n");
        for (var i = 0; i < consumers; i++)
            text.Append($"  {{ provider = p, consumer = c{i:000}, exchange-rate = \"1\", staking-funds = 1000000000000, ")
                .Append("relayer { latency { kind = uniform, min = 1s, max = 5s } } }\n");
        text.Append("]\nsteps = [\n  { at = 5m, action = bond, chain = p, account = alice, amount = 100000000000 }\n");
        for (var h = 0; h < hours; h++)
            for (var i = 0; i < consumers; i++)
                text.Append($"  {{ at = {h * 60 + 10}m, action = cross-stake, account = alice, provider = p, consumer = c{i:000}, ")
                    .Append($"validator = c{i:000}-v1, amount = 1000000 }}\n");
        return ScenarioParser.Parse(text.Append("]\n").ToString(), "resume-links-bench.conf");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
