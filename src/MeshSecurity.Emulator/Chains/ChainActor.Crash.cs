using Akka.Actor;

namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// An injected crash (<see cref="ChainCommand.Crash"/>) applies once by its id (docs/decisions/0013): the chain throws, is
/// restarted and rebuilds itself from its journal alone (RecoverAloneThen), then answers whoever crashed it. The id of the
/// last crash goes through the restart in the mailbox, as a relayer's does (ChannelActor.Submit): a copy of the same crash
/// is answered without crashing again, and one that comes during the restart waits for it.
/// </summary>
public sealed partial class ChainActor
{
    /// <summary>The id of the chain's last injected crash ("" before the first).</summary>
    private string _lastCrash = "";

    /// <summary>Restarted, and <see cref="Crashed"/> not handled yet: which crash this was is not known.</summary>
    private bool _recovering;

    /// <summary>The crash being thrown and who asked for it, for <see cref="PreRestart"/>.</summary>
    private (string Id, IActorRef ReplyTo)? _crashing;

    /// <summary>What survives a restart: the last crash's id, and who waits for the chain to be back (nobody when not a crash).</summary>
    private sealed record Crashed(string Id, IActorRef ReplyTo) : INoSerializationVerificationNeeded;

    private void CrashCommands()
    {
        Command<ChainCommand.Crash>(OnCrash);
        Command<Crashed>(m => WhenIdle(() => OnCrashed(m)));
    }

    private void OnCrash(ChainCommand.Crash m)
    {
        if (_recovering) Stash.Stash();
        else if (m.Id == _lastCrash) WhenIdle(() => Sender.Tell(Back()));
        else
        {
            _crashing = (m.Id, Sender);
            throw new InvalidOperationException($"chaos: chain {_chainId} crashed ({m.Reason})");
        }
    }

    private void OnCrashed(Crashed m)
    {
        (_lastCrash, _recovering) = (m.Id, false);
        m.ReplyTo.Tell(Back());
        Stash.UnstashAll();
    }

    private ChainReply.Ready Back() => new(_chainId, _state.Height, _state.Time, NextBlockTime());

    protected override void PreRestart(Exception reason, object message)
    {
        // the new instance handles this once it has rebuilt itself (any message but an Init makes it recover alone)
        var (id, replyTo) = _crashing ?? (_lastCrash, ActorRefs.Nobody);
        Self.Tell(new Crashed(id, replyTo));
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        // until Crashed says which crash this was, a copy of it must wait rather than crash the chain again
        _recovering = true;
        base.PostRestart(reason);
    }
}
