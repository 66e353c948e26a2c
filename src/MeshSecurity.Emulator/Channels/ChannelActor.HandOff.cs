using Akka.Actor;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// A channel handed off to another member (its member leaves the cluster gracefully,
/// docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md). The run's clock is held between windows first, so
/// the channel saves one more of its snapshots (ChannelActor.Journal.cs) and stops; its next incarnation, elsewhere,
/// recovers from it as from any snapshot (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md).
/// </summary>
public sealed partial class ChannelActor
{
    private readonly string? _persistenceId;

    private void HandOff()
    {
        if (!Journaled || _spec is null)
        {
            Context.Stop(Self);
            return;
        }
        SaveSnapshot(() => Context.Stop(Self));
        Become(() =>
        {
            // the writes still answered: a digest written is acknowledged, the snapshot's save stops the channel
            Writes();
            // the region sends nothing more to an entity it hands off; a late reply is of no use to the next incarnation
            ReceiveAny(_ => { });
        });
    }
}
