using Akka.Actor;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// An injected crash (<see cref="ChainCommand.Crash"/>) applies once by its id (docs/decisions/0013): the chain journals the
/// id (<see cref="CrashesApplied"/>), throws, is restarted and rebuilds itself from its journal alone (RecoverAloneThen),
/// then answers whoever crashed it. The ids are part of what the chain journals and snapshots, so a copy of a crash is
/// answered without crashing again by whichever incarnation gets it: the restarted one, or one on another member after a
/// hand-off. A copy that comes during the restart waits for it.
/// </summary>
public sealed partial class ChainActor
{
    /// <summary>
    /// Crash ids a chain keeps: a driver re-sends a crash until it is answered and asks for the next only then, so a late
    /// copy is of one of the last few crashes; sixteen leaves room for several members' chaos at once.
    /// </summary>
    public const int KeptCrashIds = 16;

    /// <summary>The ids of the chain's last injected crashes, oldest first (as journaled and snapshotted).</summary>
    private IReadOnlyList<string> _crashIds = [];

    /// <summary>Restarted, and <see cref="Crashed"/> not handled yet: a copy of the crash waits until the chain is back.</summary>
    private bool _recovering;

    /// <summary>Who asked for the crash being thrown, for <see cref="PreRestart"/>.</summary>
    private IActorRef? _crashing;

    /// <summary>What survives a restart in the mailbox: who waits for the chain to be back (nobody when not a crash).</summary>
    private sealed record Crashed(IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    private void CrashCommands()
    {
        Command<ChainCommand.Crash>(OnCrash);
        Command<Crashed>(m => WhenIdle(() => OnCrashed(m)));
    }

    private void OnCrash(ChainCommand.Crash m)
    {
        if (_recovering) Stash.Stash();
        else if (_crashIds.Contains(m.Id)) WhenIdle(() => Sender.Tell(Back()));
        else
        {
            var sender = Sender;
            // written before the throw (Persist holds every other message until then): the incarnation that comes back,
            // here or on another member, reads the id from the journal
            Persist(new CrashesApplied([.. _crashIds.Skip(_crashIds.Count + 1 - KeptCrashIds), m.Id]), r =>
            {
                _crashIds = r.Ids;
                _crashing = sender;
                throw new InvalidOperationException($"chaos: chain {_chainId} crashed ({m.Reason})");
            });
        }
    }

    private void OnCrashed(Crashed m)
    {
        _recovering = false;
        m.ReplyTo.Tell(Back());
        Stash.UnstashAll();
    }

    private ChainReply.Ready Back() => new(_chainId, _state.Height, _state.Time, NextBlockTime());

    /// <summary>
    /// A network that starts the chain over (a resumed run) has a driver that numbers its crashes from 1 again: the ids the
    /// journal holds are of another run's crashes, so they are forgotten, in the journal too (a later recovery alone
    /// reads it).
    /// </summary>
    private void ForgetCrashes()
    {
        if (_crashIds.Count == 0) return;
        _crashIds = [];
        PersistAsync(new CrashesApplied([]), _ => { });
    }

    protected override void PreRestart(Exception reason, object message)
    {
        // the new instance handles this once it has rebuilt itself (any message but an Init makes it recover alone)
        Self.Tell(new Crashed(_crashing ?? ActorRefs.Nobody));
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        // until Crashed says the chain is back, a copy of the crash must wait rather than be answered from the journal early
        _recovering = true;
        base.PostRestart(reason);
    }
}
