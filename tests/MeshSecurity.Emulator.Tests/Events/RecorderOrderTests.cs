using Akka.Actor;
using Akka.TestKit.Xunit2;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Network;
using Xunit.Abstractions;

namespace MeshSecurity.Emulator.Tests.Events;

/// <summary>
/// The recorder writes the faults injected live (meshsec chaos) in the order they were injected in, even when they fall
/// in one busy slice at one time and name different chains (a heal names none): a loaded machine put a relayer.stop and
/// its heal at one time, and events.jsonl had the heal first (tests/MeshSecurity.Cli.Tests/Cluster/ChaosApiTests.cs).
/// </summary>
public sealed class RecorderOrderTests(ITestOutputHelper output) : TestKit(output: output)
{
    private static readonly Timestamp T = Timestamp.FromSeconds(1_700_000_060);

    private sealed class Kept : IEventSink
    {
        public List<EmulatorEvent> Events { get; } = [];

        public void Write(IReadOnlyList<EmulatorEvent> events) => Events.AddRange(events);
    }

    [Fact]
    public async Task Faults_injected_in_one_slice_at_one_time_are_written_in_the_order_they_were_injected_in()
    {
        var log = new NetworkLog();
        var kept = new Kept();
        log.Subscribe(kept);
        var recorder = Sys.ActorOf(EventRecorder.Props(log, _ => { }));
        var injected = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            recorder.Tell(new EmulatorEvent.BlockCommitted($"chain-{i:00}", 3, T, 0, "AA"));
            if (i % 4 != 0) continue;
            // a fault on a link of one chain, then a heal, which names no chain
            var fault = $"relayer.stop chain-{i:00}";
            recorder.Tell(new EmulatorEvent.ChaosInjected($"chain-{i:00}", 0, T, fault, [$"chain-{i:00}-juno/mesh"], "n1"));
            recorder.Tell(new EmulatorEvent.ChaosInjected("", 0, T, "heal", [fault], "n1"));
            injected.AddRange([fault, "heal"]);
        }

        await recorder.Ask(EventRecorder.Flush.Instance, TimeSpan.FromSeconds(10));

        Assert.Equal(injected, kept.Events.OfType<EmulatorEvent.ChaosInjected>().Select(c => c.Fault));
        // and before that time's blocks, as the canonical order says
        Assert.All(kept.Events.Take(injected.Count), e => Assert.IsType<EmulatorEvent.ChaosInjected>(e));
    }
}
