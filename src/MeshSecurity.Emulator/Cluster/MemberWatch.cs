using System.Diagnostics;
using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using MeshSecurity.Emulator.Hosting;
using MeshSecurity.Emulator.Network;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// On a driver: fails the run's network when one of the members hosting it is lost: downed (by the split-brain resolver),
/// removed after that, or leaving without having said so first. Unreachability alone is not a loss: a loaded machine pauses
/// processes for seconds. A member that announces its leave (<see cref="MemberLeaving"/>, before its shard regions hand off)
/// is carried on in place (docs/decisions/0016-a-member-that-leaves-is-carried-on-in-place.md): the run's clock is held
/// between windows until the member is exiting (its shard regions stopped), its entities start on the other members from their journal and
/// snapshots meanwhile, and then the clock goes on. A member downed (a process killed) that is not the oldest is carried on
/// in place too when every member journals to one PostgreSQL store (docs/decisions/0017-a-killed-member-is-carried-on-in-place.md):
/// its entities answered only what they had journaled, so they start on the others at their next message, and the clock
/// is asked to send the open window's phase again at once (when downed, and every second from its removal until a window
/// completes: its shards move after the removal).
/// </summary>
public sealed class MemberWatch : ReceiveActor, IWithTimers
{
    private static readonly TimeSpan HoldTimeout = TimeSpan.FromSeconds(8);
    /// <summary>How often the phase is sent again after a downed member's removal, until a window completes.</summary>
    private static readonly TimeSpan ResendEvery = TimeSpan.FromSeconds(1);
    private const int MaxResendsAfterRemoval = 120;

    private readonly HashSet<Address> _leaving = [];
    private readonly HashSet<Address> _graceful = [];
    private readonly HashSet<Address> _released = [];
    /// <summary>The clock's status when it was held for each graceful member: the release must find it no earlier.</summary>
    private readonly Dictionary<Address, ClockStatus> _heldAt = [];
    /// <summary>When each graceful member's hold was answered (<see cref="Stopwatch"/> ticks): the clock stood from then.</summary>
    private readonly Dictionary<Address, long> _heldSince = [];
    private readonly ILoggingAdapter _log = Context.GetLogger();
    /// <summary>Members downed and carried on in place: their removal is no loss.</summary>
    private readonly HashSet<Address> _downed = [];
    /// <summary>Windows the clock had completed when each downed member was carried on, and the re-sends since its removal.</summary>
    private readonly Dictionary<Address, (long Windows, int Resends)> _resending = [];

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="clock">The run's clock (its singleton's proxy), held while a member leaves.</param>
    /// <param name="inPlace">Whether a leave can be carried on at all (not when a member journals in memory).</param>
    /// <param name="carriedOn">Told of each leave carried on, once the clock took the release: how long it stood.</param>
    /// <param name="downNotInPlace">Why a downed member cannot be carried on in place (null: it can, unless it is the oldest).</param>
    public MemberWatch(IReadOnlySet<Address> members, Action<ClusterMemberLostException> lost, IActorRef clock, bool inPlace,
        Action<string, TimeSpan>? carriedOn = null, string? downNotInPlace = NotShared)
    {
        var cluster = Akka.Cluster.Cluster.Get(Context.System);
        Receive<MemberLeaving>(m =>
        {
            var member = Address.Parse(m.Member);
            if (_downed.Contains(member))
            {
                // carried on as a kill: a hold taken for it now would never be released
                _log.Warning("member {0} announced a leave after it was downed: it is carried on as a downed member", member);
                return;
            }
            // after the leave was seen, or for a member of another run, the hold comes too late to keep a cut between windows
            if (!inPlace || !members.Contains(member) || _leaving.Contains(member)) return;
            var replyTo = Sender;
            clock.Ask<ClockStatus>(new ClockCommand.Hold(HoldId(member)), HoldTimeout).PipeTo(Self,
                success: status => new Held(member, m.RunId, replyTo, status), failure: _ => new Held(member, m.RunId, null, null));
        });
        Receive<Held>(m =>
        {
            if (m.ReplyTo is null || _leaving.Contains(m.Member) || _downed.Contains(m.Member) || HandsOverNothing(m))
            {
                Release(clock, m.Member, null, null);
                return;
            }
            _graceful.Add(m.Member);
            _heldAt[m.Member] = m.Status!;
            _heldSince[m.Member] = Stopwatch.GetTimestamp();
            _log.Info("member {0} leaves gracefully: run {1}'s clock is held while its entities move to the others", m.Member,
                m.RunId);
            m.ReplyTo.Tell(new LeaveHeld(m.RunId, m.Member.ToString()));
        });
        Receive<ClusterEvent.MemberRemoved>(m =>
        {
            if (m.PreviousStatus == MemberStatus.Down && _downed.Contains(m.Member.Address))
            {
                // its shards are allocated elsewhere once the coordinators have seen the removal and waited out the
                // down-removal margin; a copy sent before a region knew the member gone went to its dead region, so the phase
                // is sent again every second until a window completes, not only after the stall timeout
                var address = m.Member.Address;
                _resending.TryAdd(address, (long.MaxValue, 0));
                Self.Tell(new ResendTick(address));
                Timers.StartPeriodicTimer(("resend", address), new ResendTick(address), ResendEvery);
                return;
            }
            if (m.PreviousStatus != MemberStatus.Down && _graceful.Remove(m.Member.Address)) Gone(m.Member.Address);
            else Lost(m.Member, "was removed from the cluster");
        });
        Receive<ClusterEvent.MemberLeft>(m => Leaving(m.Member, "left the cluster"));
        // a gossip can skip Leaving: a member first seen exiting has left all the same; exiting, its regions have stopped
        // (they hand off before it leaves), so its entities can start elsewhere: the clock need not wait for the removal
        Receive<ClusterEvent.MemberExited>(m =>
        {
            Leaving(m.Member, "left the cluster");
            if (_graceful.Contains(m.Member.Address)) Gone(m.Member.Address);
        });
        // downed (a process killed, then downed by the split-brain resolver): known before the removal, which waits a margin
        Receive<ClusterEvent.MemberDowned>(m =>
        {
            _graceful.Remove(m.Member.Address);
            if (!m.Member.HasRole(NodeSettings.MeshRole) || !members.Contains(m.Member.Address) || _downed.Contains(m.Member.Address))
                return;
            var why = downNotInPlace ?? (IsOldest(m.Member) ? "it hosts the run's clock and the shard coordinators" : null);
            if (why is not null)
            {
                _log.Info("member {0} was downed: it is not carried on in place ({1})", m.Member.Address, why);
                Lost(m.Member, "was downed");
                return;
            }
            _downed.Add(m.Member.Address);
            var member = m.Member;
            // a member downed as its shutdown announced a leave (ActorSystem.Terminate, SIGTERM as it is killed) may have had
            // the clock held for it: its removal is no graceful leave, so nothing else would release that hold
            Release(clock, member.Address, null, null);
            clock.Ask<ClockStatus>(new ClockCommand.Resend($"member {member.Address} was downed"), HoldTimeout).PipeTo(Self,
                success: status => new DownResent(member, status), failure: _ => new DownResent(member, null));
        });
        Receive<ResendTick>(m =>
        {
            var member = m.Member;
            clock.Ask<ClockStatus>(new ClockCommand.Resend($"member {member} was removed"), HoldTimeout).PipeTo(Self,
                success: status => new RemovedResent(member, status), failure: _ => new RemovedResent(member, null));
        });
        Receive<RemovedResent>(m =>
        {
            if (!_resending.TryGetValue(m.Member, out var at)) return;
            _resending[m.Member] = at = (at.Windows, at.Resends + 1);
            // a clock that did not answer is asked again at the next tick
            if (at.Resends < MaxResendsAfterRemoval && (m.Status is null || m.Status.Windows <= at.Windows)) return;
            Timers.Cancel(("resend", m.Member));
            _resending.Remove(m.Member);
        });
        Receive<DownResent>(m =>
        {
            if (m.Status is { Windows: > 0 })
            {
                _resending[m.Member.Address] = (m.Status.Windows, 0);
                _log.Warning("member {0} was downed: the run goes on in place", m.Member.Address);
                return;
            }
            _log.Info("member {0} was downed: it is not carried on in place ({1})", m.Member.Address,
                m.Status is null ? "the run's clock did not answer" : "the run's clock has run no window yet");
            Lost(m.Member, "was downed");
        });
        Receive<ClusterEvent.IMemberEvent>(_ => { });
        Receive<ClusterEvent.CurrentClusterState>(_ => { });
        Receive<ClockStatus>(_ => { });
        void Gone(Address member)
        {
            if (!_released.Add(member)) return;
            // a warning as a chain's restart is: the run went on through it, and an operator may look for why
            _log.Warning("member {0} has left: the run goes on in place", member);
            var since = _heldSince.GetValueOrDefault(member);
            Release(clock, member, lost, _heldAt.GetValueOrDefault(member),
                () => carriedOn?.Invoke(member.ToString(), Stopwatch.GetElapsedTime(since)));
        }
        void Leaving(Member member, string how)
        {
            _leaving.Add(member.Address);
            if (!_graceful.Contains(member.Address)) Lost(member, how);
        }
        void Lost(Member member, string how)
        {
            if (member.HasRole(NodeSettings.MeshRole) && members.Contains(member.Address))
                lost(new ClusterMemberLostException(member.Address.ToString(), how));
        }
        cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot, typeof(ClusterEvent.IMemberEvent));
    }

    public static Props Props(IReadOnlySet<Address> members, Action<ClusterMemberLostException> lost, IActorRef clock, bool inPlace,
        Action<string, TimeSpan>? carriedOn = null, string? downNotInPlace = NotShared) =>
        Akka.Actor.Props.Create(() => new MemberWatch(members, lost, clock, inPlace, carriedOn, downNotInPlace));

    /// <summary>A downed member's entities need a journal every member shares, which the watch is not told of by default.</summary>
    public const string NotShared = "the members do not share one PostgreSQL journal";

    /// <summary>Whether <paramref name="member"/> is the oldest mesh member (the clock singleton's and coordinators' host).</summary>
    private static bool IsOldest(Member member) =>
        Akka.Cluster.Cluster.Get(Context.System).State.Members.Where(x => x.HasRole(NodeSettings.MeshRole))
            .OrderBy(x => x, Member.AgeOrdering).FirstOrDefault()?.Address == member.Address;

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    /// <summary>
    /// The hold taken while <paramref name="member"/> leaves (the clock singleton on it waits for the next one to release it).
    /// </summary>
    internal static string HoldId(Address member) => $"member.leave {member}";

    /// <summary>
    /// Lets the clock go on (a re-sent copy releases nothing twice: holds are kept by id); a clock that never answers would
    /// stand for ever, so the run fails as if the member had been lost.
    /// </summary>
    /// <remarks>
    /// The member hosting the clock singleton hands it over to the next one with its state (ClockHost); a clock answering the
    /// release from before the hold (fewer windows, an earlier time) started afresh without it, and the run fails as a loss.
    /// </remarks>
    private static void Release(IActorRef clock, Address member, Action<ClusterMemberLostException>? lost, ClockStatus? held,
        Action? released = null) =>
        ResendingAsk.Ask<ClockStatus>(clock, new ClockCommand.Release(HoldId(member)), "clock", TimeSpan.FromSeconds(1), 30)
            .ContinueWith(t =>
            {
                if (lost is null) return;
                if (t.IsFaulted)
                    lost(new ClusterMemberLostException(member.ToString(), "left, and the run's clock did not take the release"));
                else if (held is not null && (t.Result.Windows < held.Windows || t.Result.Now < held.Now))
                    lost(new ClusterMemberLostException(member.ToString(), "left, and the run's clock went on without its state " +
                        $"(at window {t.Result.Windows}, held at window {held.Windows})"));
                else released?.Invoke();
            }, TaskScheduler.Default);

    /// <summary>
    /// Whether the member hosts the clock singleton while it has run no window yet: a clock that lost its state on the way
    /// would then look like one that kept it (the release check above), so that leave is not carried on.
    /// </summary>
    private bool HandsOverNothing(Held m)
    {
        if (m.Status is not { Windows: 0 }) return false;
        var oldest = Akka.Cluster.Cluster.Get(Context.System).State.Members
            .Where(x => x.HasRole(NodeSettings.MeshRole) && x.Status is MemberStatus.Up or MemberStatus.Leaving)
            .OrderBy(x => x, Member.AgeOrdering).FirstOrDefault();
        if (oldest?.Address != m.Member) return false;
        _log.Info("member {0} hosts run {1}'s clock, which has run no window yet: its leave is not carried on", m.Member, m.RunId);
        return true;
    }

    private sealed record Held(Address Member, string RunId, IActorRef? ReplyTo, ClockStatus? Status) : INoSerializationVerificationNeeded;

    private sealed record DownResent(Member Member, ClockStatus? Status) : INoSerializationVerificationNeeded;

    private sealed record ResendTick(Address Member) : INoSerializationVerificationNeeded;

    private sealed record RemovedResent(Address Member, ClockStatus? Status) : INoSerializationVerificationNeeded;
}
