using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Core.Types;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Scenarios.Reporting;
using MeshSecurity.Scenarios.Running;

namespace MeshSecurity.Scenarios.Tests;

/// <summary>
/// The packet table, counted as the events come instead of read from a kept history: the counts per channel (a packet
/// seen twice counts twice) and how little is kept (the holes below the highest sequence seen).
/// </summary>
public sealed class PacketTallyTests
{
    private static readonly IbcEndpoint A = new("transfer", "channel-0"), B = new("transfer", "channel-3");
    private static readonly ChannelEnds Ends = new("a-1", "", "", A.PortId, A.ChannelId, "b-1", "", "", B.PortId, B.ChannelId);

    /// <summary>
    /// One event a word: "a>3" a-1 sends #3 to b-1, "b>3" b-1 sends #3 to a-1, "b<3" b-1 receives a-1's #3, "a<3" a-1
    /// receives b-1's #3, "a+3" a-1 has #3 acknowledged, "a!3" error-acknowledged, "ax3" timed out.
    /// </summary>
    private static List<EmulatorEvent> Events(string script)
    {
        var events = new List<EmulatorEvent>();
        var t = new Timestamp(1_700_000_000_000_000_000);
        foreach (var word in script.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (chain, own, other) = word[0] == 'a' ? ("a-1", A, B) : ("b-1", B, A);
            var seq = ulong.Parse(word[2..], System.Globalization.CultureInfo.InvariantCulture);
            var sent = new IbcPacket(own, other, seq, [], IbcTimeout.AtHeight(100));
            var received = new IbcPacket(other, own, seq, [], IbcTimeout.AtHeight(100));
            t = t.PlusSeconds(1);
            events.Add(word[1] switch
            {
                '>' => new EmulatorEvent.PacketSent(chain, 1, t, sent),
                '<' => new EmulatorEvent.AcknowledgementWritten(chain, 1, t, received, true),
                '+' => new EmulatorEvent.PacketAcknowledged(chain, 1, t, sent, true),
                '!' => new EmulatorEvent.PacketAcknowledged(chain, 1, t, sent, false),
                'x' => new EmulatorEvent.PacketTimedOut(chain, 1, t, sent),
                _ => throw new ArgumentException(word),
            });
        }
        return events;
    }

    public static TheoryData<string, string, int> Scripts => new()
    {
        // events; counts sent/received/acked/error-acked/timed out; holes kept
        { "a>1 a>2 b<1 b<2 a+1 a+2", "2/2/2/0/0", 0 },
        { "a>1 a>2 b>1 b<2 a<1 b<1 a!2 a+1 b+1", "3/3/2/1/0", 0 },
        // #2 timed out: never received, a hole below #3 that stays
        { "a>1 a>2 a>3 b<1 b<3 a+1 ax2 a+3", "3/2/2/0/1", 1 },
        // in flight at the end: holes that close as packets come in
        { "a>1 a>2 a>3 a>4 b<4 b<2", "4/2/0/0/0", 2 },
        // duplicates count as often as they come (the catalogue's exactly-once check judges them)
        { "a>1 a>2 b<1 b<2 b<1 b<1 a+1 a+2", "2/4/2/0/0", 0 },
        { "a>1 a>2 b<2 b<1 b<2 a+1 a+2 ax1", "2/3/2/0/1", 0 },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Counts_and_holes_follow_the_events(string script, string counts, int holes)
    {
        var tally = new PacketTally();
        var events = Events(script);
        // in two slices, as the recorder hands them on
        tally.Write(events[..(events.Count / 2)]);
        tally.Write(events[(events.Count / 2)..]);

        var c = tally.Of(Ends);
        Assert.Equal(counts, $"{c.Sent}/{c.Received}/{c.Acknowledged}/{c.ErrorAcknowledged}/{c.TimedOut}");
        Assert.Equal(holes, tally.Holes);
    }

    [Fact]
    public void A_long_run_of_packets_keeps_no_sequence_of_a_settled_packet()
    {
        var tally = new PacketTally();
        var script = string.Join(' ', Enumerable.Range(1, 5_000).Select(i => $"a>{i} b<{i} a+{i}"));
        tally.Write(Events(script));

        Assert.Equal(new RunReport.PacketCounts(5_000, 5_000, 5_000, 0, 0), tally.Of(Ends));
        Assert.Equal(0, tally.Holes);
    }
}
