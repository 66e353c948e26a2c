using Akka.Actor;
using MeshSecurity.Emulator.Events;

namespace MeshSecurity.Emulator.Time;

/// <summary>Where the node clock passes the chains' events on.</summary>
public sealed partial class NodeClock
{
    private IActorRef? _events;
    private readonly List<object> _held = [];

    /// <summary>The blocks of the open window, for a recorder that subscribed (a cluster's driver).</summary>
    private readonly List<BlockEvents> _windowEvents = [];

    /// <summary>
    /// To the driver's recorder when one subscribed; else, on a single node, to its event stream, and in a cluster (where
    /// the recorder is elsewhere and subscribes again after the clock moved) held until it does. A subscribed recorder gets
    /// an open window's blocks in one message as the window ends, before its answer
    /// (docs/decisions/0019-a-windows-events-reach-the-driver-in-one-message.md); anything else, after the blocks before it.
    /// </summary>
    private void Pass(object e)
    {
        if (_events is { } recorder)
        {
            if (e is BlockEvents block && _open is not null)
            {
                _windowEvents.Add(block);
                return;
            }
            PassWindowEvents();
            recorder.Tell(e);
        }
        else if (_settings.HoldEvents) _held.Add(e);
        else Context.System.EventStream.Publish(e);
    }

    /// <summary>The open window's blocks so far, to the subscribed recorder, in the order they came.</summary>
    private void PassWindowEvents()
    {
        if (_windowEvents.Count == 0 || _events is not { } recorder) return;
        recorder.Tell(new WindowEvents([.. _windowEvents]));
        _windowEvents.Clear();
    }
}
