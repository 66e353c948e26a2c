using CsCheck;
using MeshSecurity.Core.Tests.Support;
using MeshSecurity.Core.Ibc;
using Path = MeshSecurity.Core.Testing.Path;

namespace MeshSecurity.Core.Tests.IbcModule;

/// <summary>
/// The settled floors a chain's headers carry, kept from block to block (<see cref="SettledFloorKeeper"/>), are the
/// floors rebuilt from the state (<see cref="IbcState.SettledFloors"/>) after every block; and a client update settles
/// every channel end on the client's connection, a channel opened after the client's ends were listed included.
/// </summary>
public sealed class SettledFloorsTests
{
    // op 0-1: A sends on path 0 or 1 (1 opens its channel on the first send: a new sending end mid-run); 2-3: path 0 or 1
    // relays (receives, acks); 4: a packet that times out is sent on path 0; 5: B's time passes (timeouts become due)
    private static readonly Gen<(int Op, ulong Seconds)[]> Ops = Gen.Select(Gen.Int[0, 5], Gen.ULong[1, 40]).Array[1, 30];

    [Fact]
    public void The_kept_floors_equal_the_rebuilt_ones_after_every_block()
    {
        var moved = 0;
        Ops.SampleSeeded(ops =>
        {
            var t = new TwoChains();
            var keeper = new SettledFloorKeeper();
            var paths = new Path?[] { t.OpenPath(), null };
            Assert.Null(keeper.Of(t.A.State.Ibc));
            foreach (var (op, seconds) in ops)
            {
                var before = keeper.Of(t.A.State.Ibc);
                switch (op)
                {
                    case <= 1:
                        paths[op] ??= t.OpenPath();
                        t.Send(paths[op]!, $"p{op}");
                        break;
                    case <= 3:
                        paths[op - 2]?.Relay();
                        break;
                    case 4:
                        t.Send(paths[0]!, "short", timeoutSeconds: 5);
                        break;
                    default:
                        t.AdvanceB(seconds);
                        break;
                }
                var kept = keeper.Of(t.A.State.Ibc);
                var rebuilt = t.A.State.Ibc.SettledFloors();
                Assert.Equal(rebuilt?.ToArray(), kept?.ToArray());
                if (before is not null && kept is not null && !before.SequenceEqual(kept)) moved++;
            }
        }, iter: 60, print: ops => string.Join(",", ops));
        Assert.True(moved > 0, "some floor moved between two blocks");
    }

    [Fact]
    public void A_client_update_settles_a_channel_opened_after_the_clients_ends_were_listed()
    {
        var t = new TwoChains();
        var path = t.OpenPath();
        var first = (path.B.PortId, path.B.ChannelId);
        t.Send(path, "one");
        path.Relay();
        path.UpdateClient(path.B); // B settles A's first channel: the client's ends are listed now

        path.OpenChannel(); // a second channel on the same connection and clients
        var second = (path.B.PortId, path.B.ChannelId);
        Assert.NotEqual(first, second);
        t.Send(path, "two");
        path.Relay();
        Assert.Contains(t.B.State.Ibc.Acks.Keys, k => (k.PortId, k.ChannelId) == second);
        path.UpdateClient(path.B);

        var ibc = t.B.State.Ibc;
        Assert.Equal(2UL, ibc.SettledMarks.GetValueOrDefault(second));
        Assert.DoesNotContain(ibc.Acks.Keys, k => (k.PortId, k.ChannelId) == second);
        Assert.DoesNotContain(ibc.Acks.Keys, k => (k.PortId, k.ChannelId) == first);
    }
}
