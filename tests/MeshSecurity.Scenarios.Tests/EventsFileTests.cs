using System.Globalization;
using System.Text.Json;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Scenarios.Model;
using MeshSecurity.Scenarios.Parsing;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;
using MeshSecurity.Scenarios.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// events.jsonl is written as the run goes, slice by slice: a run stopped part way (cancelled, as by Ctrl-C, or cut off,
/// as by a kill) leaves in it every event up to where it stopped, in the order of the whole run's file, and nothing after.
/// </summary>
public sealed class EventsFileTests : IAsyncLifetime
{
    private const string Example = "claims.conf";
    private readonly string _dir = Directory.CreateTempSubdirectory("meshsec-events-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>Cancels the run once its progress reaches a time, between two slices of the clock.</summary>
    private sealed class CancelAt(Duration at, CancellationTokenSource cancel) : IProgress<RunProgress>
    {
        public void Report(RunProgress p)
        {
            if (p.Phase == "running" && p.Elapsed >= at) cancel.Cancel();
        }
    }

    private async Task<(RunReport? Report, string[] Lines)> Run(string name, Duration? stopAfter = null, Duration? cancelAt = null)
    {
        var dir = Path.Combine(_dir, name);
        using var cancel = new CancellationTokenSource();
        var runner = new ScenarioRunner(ScenarioParser.ParseFile(Examples.PathOf(Example)),
            new RunOptions(JournalSettings.Memory, OutDir: dir, SpeedMax: true, StopAfter: stopAfter), NullLoggerFactory.Instance,
            cancelAt is { } at ? new CancelAt(at, cancel) : null);
        var report = await runner.RunAsync(cancel.Token);
        Assert.Null(runner.History); // with an output folder, nothing is kept in memory
        return (report, await File.ReadAllLinesAsync(Path.Combine(dir, "events.jsonl")));
    }

    private static ulong TimeOf(string line)
    {
        using var json = JsonDocument.Parse(line);
        return ulong.Parse(json.RootElement.GetProperty("unix_ns").GetString()!, CultureInfo.InvariantCulture);
    }

    public static TheoryData<string, string?, string?> Stops => new()
    {
        // how it stops, cut off at, cancelled once progress reaches
        { "cut off at 50m, as by a kill", "50m", null },
        { "cancelled at 40m, as by Ctrl-C", null, "40m" },
    };

    [Theory]
    [MemberData(nameof(Stops))]
    public async Task A_run_stopped_part_way_has_every_event_up_to_the_stop_in_its_file_and_none_after(
        string how, string? cut, string? cancel)
    {
        var (whole, all) = await Run("whole");
        var (stopped, lines) = await Run("stopped", cut is null ? null : Duration.Parse(cut),
            cancel is null ? null : Duration.Parse(cancel));

        Assert.NotNull(whole);
        var reached = cut is not null ? Duration.Parse(cut) : Duration.Parse(Assert.IsType<string>(stopped?.Result.InterruptedAt));
        if (cancel is not null) Assert.True(reached >= Duration.Parse(cancel), $"{how}: stopped at {reached}");
        var genesis = ulong.Parse(whole.Scenario.GenesisTime, CultureInfo.InvariantCulture) * 1_000_000_000UL;
        var stopNanos = genesis + Duration.Parse(whole.Scenario.ReadyAfter).Nanos + reached.Nanos;

        var upToStop = all.TakeWhile(l => TimeOf(l) <= stopNanos).ToArray();
        Assert.True(upToStop.Length > 0 && upToStop.Length < all.Length,
            $"{how}: {upToStop.Length} of {all.Length} events before the stop");
        Assert.Equal(upToStop, lines);
        Assert.All(all.Skip(upToStop.Length), l => Assert.True(TimeOf(l) > stopNanos));
    }

    [Fact]
    public async Task A_run_four_times_as_long_holds_no_more_events_at_once()
    {
        async Task<(long Peak, long Published)> Held(string duration)
        {
            var text = Examples.Text("quickstart.conf")
                .Replace("  # duration: left out", $"  duration = {duration} #", StringComparison.Ordinal);
            var runner = new ScenarioRunner(Parse.Ok(text), new RunOptions(JournalSettings.Memory, OutDir: Path.Combine(_dir, duration),
                SpeedMax: true), NullLoggerFactory.Instance);
            Assert.NotNull(await runner.RunAsync());
            return (runner.Network.Log.PeakPendingEvents, runner.Network.Log.PublishedEvents);
        }

        var day = await Held("1d");
        var days = await Held("4d");

        Assert.True(days.Published >= 3 * day.Published, $"{days.Published} events in 4 days, {day.Published} in one");
        // the recorder hands its events on every emulated minute at most, whatever the length of the progress slices
        Assert.True(days.Peak <= day.Peak * 3 / 2, $"held {days.Peak} events at once in 4 days, {day.Peak} in one");
    }

    [Fact]
    public async Task A_run_without_an_output_folder_keeps_its_history_in_memory_as_the_file_would_hold_it()
    {
        var (_, lines) = await Run("file");
        var runner = new ScenarioRunner(ScenarioParser.ParseFile(Examples.PathOf(Example)),
            new RunOptions(JournalSettings.Memory, SpeedMax: true), NullLoggerFactory.Instance);
        Assert.NotNull(await runner.RunAsync());

        Assert.Equal(lines, EventsFile.Kept(runner.History!.Events, EventsDetail.Summary).Select(runner.EventLines!.Line));
    }
}
