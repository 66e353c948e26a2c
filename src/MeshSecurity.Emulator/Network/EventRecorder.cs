using Akka.Actor;
using MeshSecurity.Emulator.Events;
using MeshSecurity.Emulator.Persistence;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// Subscribes to the network's events and writes them to a <see cref="NetworkLog"/>; passes on, as an exception, what
/// ends a run: a journal a chain cannot read or write, and a resumed chain that diverged from its journal.
/// </summary>
public sealed class EventRecorder : ReceiveActor
{
    public EventRecorder(NetworkLog log, Action<JournalFailureException> failed)
    {
        Receive<EmulatorEvent>(e =>
        {
            log.Record(e);
            if (e is EmulatorEvent.ReplayDiverged d)
                failed(new JournalFailureException(d.ChainId, d.Height,
                    $"chain {d.ChainId} re-produced block {d.Height} differently from the journal (journal app hash " +
                    $"{Short(d.JournalAppHash)}, now {Short(d.AppHash)}): the journal was changed after it was written, " +
                    "or by another version of meshsec"));
        });
        Receive<JournalFailed>(f => failed(new JournalFailureException(f.Chain, f.AfterHeight, f.Writing
            ? $"chain {f.Chain} could not write journal record {f.SequenceNr} (block after height {f.AfterHeight}): {f.Reason}"
            : f.Replaying
                ? $"chain {f.Chain} failed while replaying journal record {f.SequenceNr} (after height {f.AfterHeight}): {f.Reason}"
                : $"chain {f.Chain} cannot read journal record {f.SequenceNr} (after height {f.AfterHeight}): {f.Reason}")));
        Receive<Flush>(_ => Sender.Tell(Flush.Done));
    }

    /// <summary>
    /// Answered once every event published before it was recorded: the chains publish before they finish a clock
    /// step, so after a run and a flush the log holds everything the run produced.
    /// </summary>
    public sealed class Flush
    {
        public static readonly Flush Instance = new();
        public static readonly object Done = new();
    }

    public static Props Props(NetworkLog log, Action<JournalFailureException> failed) =>
        Akka.Actor.Props.Create(() => new EventRecorder(log, failed));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(EmulatorEvent));
        Context.System.EventStream.Subscribe(Self, typeof(JournalFailed));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private static string Short(string hash) => hash.Length > 16 ? hash[..16] : hash.Length == 0 ? "(none)" : hash;
}
