using Akka.Actor;
using MeshSecurity.Core.Relaying;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Channels;

/// <summary>
/// A channel's part of a network checkpoint (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md). Between windows a
/// channel waits for no chain (it answers a window only once the chains accepted its submissions), so its relayer's
/// state, its switches and the digests it keeps for a later window are all there is to save.
/// </summary>
public sealed partial class ChannelActor
{
    private bool _restored;

    // a resumed run's driver numbers its crashes again: the last crash's id stays with this run, out of the checkpoint
    private void Capture() => Sender.Tell(new ChannelCheckpoint.Captured(Snapshot() with { LastCrash = null }));

    /// <summary>The channel's state between windows (a checkpoint's part, or what it hands off).</summary>
    private ChannelSnapshot Snapshot() => new(_channelId, _spec, _relayer?.ToState(), _paused, _duplicate, _faults, _restarts,
        _refusedStep, _refusedError,
        [.. _watching.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new ChannelSnapshot.Watch(w.Key, w.Value))],
        [.. _observed]) { LastCrash = _lastCrash.Length == 0 ? null : _lastCrash };

    private void Restore(ChannelCheckpoint.Restore m)
    {
        // applied once: a second copy (a re-sent ask, docs/decisions/0013) may come after the run went on from the snapshot
        if (_restored)
        {
            Sender.Tell(Info());
            return;
        }
        _restored = true;
        Apply(m.Snapshot);
        var sender = Sender;
        // on a cluster, the first snapshot of a later attempt's channel (docs/decisions/0012)
        SaveSnapshot(() => sender.Tell(Info()));
    }

    /// <summary>Goes on as <paramref name="s"/> left the channel.</summary>
    private void Apply(ChannelSnapshot s)
    {
        (_spec, _paused, _duplicate, _faults, _restarts) = (s.Spec, s.Paused, s.Duplicate, s.Faults, s.Restarts);
        (_refusedStep, _refusedError, _lastCrash) = (s.RefusedStep, s.RefusedError, s.LastCrash ?? "");
        _relayer = s.Relayer is { } state ? Relayer.FromState(state) : null;
        _watching.Clear();
        foreach (var w in s.Watching) _watching[w.Chain] = w.End;
        Release();
        foreach (var d in s.Observed)
            if (_held.Add((d.ChainId, d.Height))) _observed.Add(d);
    }
}
