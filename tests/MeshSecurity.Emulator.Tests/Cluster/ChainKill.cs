using System.Collections.Concurrent;
using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Tests.Cluster;

/// <summary>
/// Kills one chain's actor on a member (stopped with no hand-off, as a member's SIGKILL leaves it) in the first window in
/// which a relayer handed it transactions: before it handles the window's seal (it has answered the relayer, since the
/// clock seals only then), or just after, with whatever it wrote at the seal lost (<see cref="LosingJournal"/>).
/// With <c>copy</c>, that submission is delivered again to the next incarnation a window later, as a relayer's re-send
/// may be. It sees each message as it is enqueued: the members' deque mailbox is <see cref="ChainKillMailbox"/>.
/// </summary>
public sealed class ChainKill(string chainId, ChainKill.Point point, bool copy)
{
    public enum Point { BeforeSeal, AfterSeal }

    private static readonly ConcurrentDictionary<ActorSystem, ChainKill> Plans = new();

    /// <summary>Kills <paramref name="chainId"/> on <paramref name="member"/> as described above.</summary>
    public static ChainKill Arm(ActorSystem member, string chainId, Point point, bool copy) =>
        Plans[member] = new ChainKill(chainId, point, copy);

    internal static ChainKill? Of(ActorSystem? system) => system is not null && Plans.TryGetValue(system, out var k) ? k : null;

    private readonly Lock _gate = new();
    private Envelope? _submission;
    private IActorRef? _killed;
    private long _window = -1;

    /// <summary>The window the chain was killed in (-1: not killed).</summary>
    public long KilledIn { get { lock (_gate) return _killed is null ? -1 : _window; } }

    /// <summary>Whether the copy was delivered.</summary>
    public bool Copied { get; private set; }

    internal void Enqueue(IActorRef receiver, Envelope envelope, Action<Envelope> enqueue)
    {
        // an entity: /system/sharding/TYPE/SHARD/ID (a shard may be named as a chain is)
        if (receiver.Path.Name != chainId || receiver.Path.Elements.Count != 5)
        {
            enqueue(envelope);
            return;
        }
        lock (_gate)
        {
            switch (envelope.Message)
            {
                case ChainCommand.SubmitTxs s when _submission is null && s.Submitter != "network" && s.Txs.Count > 0:
                    _submission = envelope;
                    break;
                case SealWindow seal when _submission is not null && _killed is null:
                    (_killed, _window) = (receiver, seal.Window);
                    if (point == Point.BeforeSeal)
                    {
                        // a system message: handled before the seal, which then goes to dead letters
                        ((IInternalActorRef)receiver).Stop();
                        enqueue(envelope);
                        return;
                    }
                    LosingJournal.LoseWritesOf("chain-" + chainId);
                    enqueue(envelope);
                    enqueue(new Envelope(PoisonPill.Instance, ActorRefs.NoSender));
                    return;
                case SealWindow seal when copy && !Copied && _killed is not null && !receiver.Equals(_killed) && seal.Window > _window:
                    Copied = true;
                    enqueue(_submission!.Value);
                    break;
            }
        }
        enqueue(envelope);
    }
}
