using Akka.Actor;
using MeshSecurity.Emulator.Chains;
using MeshSecurity.Emulator.Channels;
using MeshSecurity.Emulator.Persistence;
using MeshSecurity.Emulator.Time;

namespace MeshSecurity.Emulator.Network;

/// <summary>
/// The chains' part of a network checkpoint (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md): captured while
/// the clock stands, restored as the first message of each chain of a resumed network.
/// </summary>
public sealed partial class MeshNetwork
{
    /// <summary>
    /// Contract: the clock stands (no run of it is under way). Every chain's snapshot between blocks and the last
    /// journal record it covers, in chain id order; fails when a chain cannot be cut (it still re-produces its journal).
    /// </summary>
    public async Task<IReadOnlyList<ChainCheckpoint.Captured>> CaptureChainsAsync()
    {
        var asks = _chains.Keys.Select(id => AskUntilAnswered<ChainCheckpoint.Captured>(ChainRegion, new ChainCheckpoint.Capture(id), id));
        return await Task.WhenAll(asks);
    }

    /// <summary>
    /// Chains restored at once: each first recovers its journal, and a hundred recoveries at once on the SQLite journal
    /// took twice as long as one after the other (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md, "Cost").
    /// </summary>
    private const int RestoreLanes = 4;

    /// <summary>
    /// Contract: the first messages to these chains of a network started with <see cref="NetworkSettings.ReplayFromGenesis"/>
    /// and the checkpoint's <see cref="NetworkSettings.ClockStart"/>. Each chain takes its snapshot (a few at a time:
    /// each reads its journal first), then each is scheduled, in the order given. A cluster's members learn of the chains
    /// first, as of chains added; <paramref name="fresh"/>: the chains have no journal yet (a cluster run's next attempt).
    /// </summary>
    public async Task RestoreChainsAsync(IReadOnlyList<(long SequenceNr, ChainSnapshot Snapshot)> chains, bool fresh = false)
    {
        foreach (var (_, snapshot) in chains) _chains[snapshot.Definition.Config.ChainId] = snapshot.Definition;
        if (_announce is { } announce)
            foreach (var (_, snapshot) in chains) await announce(snapshot.Definition.Config.ChainId);
        var ready = new ChainReply.Ready[chains.Count];
        var next = -1;
        async Task Lane()
        {
            for (var i = Interlocked.Increment(ref next); i < chains.Count; i = Interlocked.Increment(ref next))
            {
                var chainId = chains[i].Snapshot.Definition.Config.ChainId;
                ready[i] = await AskUntilAnswered<ChainReply.Ready>(ChainRegion,
                    new ChainCheckpoint.Restore(chainId, chains[i].SequenceNr, chains[i].Snapshot, fresh), chainId);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, RestoreLanes).Select(_ => Lane()));
        foreach (var r in ready) await AskClock(new ClockCommand.Register(r.ChainId, r.NextBlockAt));
    }

    /// <summary>The channels this network opened (its links' relayers), whose parts a checkpoint saves.</summary>
    private readonly SortedSet<string> _opened = new(StringComparer.Ordinal);

    /// <summary>The clock's lookahead: the smallest latency floor of the channels opened (no channel: unbounded).</summary>
    public ulong LookaheadNanos => _lookahead;

    /// <summary>
    /// A channel opened while the run goes on (a scenario's reopen-channel): its relayer starts the handshake as time runs,
    /// and from then on a checkpoint saves its part too, so a cut while it is still opening resumes it.
    /// </summary>
    public async Task<ChannelReply> StartChannelAsync(string channelId, Core.Relaying.ChannelSpec spec)
    {
        var reply = await AskUntilAnswered<ChannelReply>(ChannelRegion, new ChannelCommand.Open(channelId, spec), channelId);
        if (reply is not ChannelReply.Refused) _opened.Add(channelId);
        return reply;
    }

    /// <summary>
    /// Contract: the clock stands. Every opened channel's state (its relayer, its switches, the digests it keeps), in
    /// channel id order.
    /// </summary>
    public async Task<IReadOnlyList<ChannelSnapshot>> CaptureChannelsAsync()
    {
        var asks = _opened.Select(id => AskUntilAnswered<ChannelCheckpoint.Captured>(ChannelRegion, new ChannelCheckpoint.Capture(id), id));
        return [.. (await Task.WhenAll(asks)).Select(c => c.Snapshot)];
    }

    /// <summary>
    /// Contract: after <see cref="RestoreChainsAsync"/>, before the clock runs. Each channel goes on from its snapshot, and
    /// the clock's windows are as long as they were at the cut (<paramref name="lookaheadNanos"/>).
    /// </summary>
    public async Task RestoreChannelsAsync(IReadOnlyList<ChannelSnapshot> channels, ulong lookaheadNanos)
    {
        _lookahead = lookaheadNanos;
        if (_lookahead != ulong.MaxValue) await AskClock(new ClockCommand.SetLookahead(_lookahead));
        foreach (var c in channels) _opened.Add(c.ChannelId);
        await Task.WhenAll(channels.Select(c =>
            AskUntilAnswered<ChannelReply.Info>(ChannelRegion, new ChannelCheckpoint.Restore(c), c.ChannelId)));
    }
}
