using System.Collections.Immutable;
using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// How <see cref="ChannelSnapshot"/> is stored from <c>channel-snapshot.v2</c> on: the channel's spec once (the relayer's
/// state holds it; only a channel without a relayer yet writes it here), and the kept digests' validator key sets and
/// settled marks once each. An idle channel keeps every block's digest for a later window, each header with the chain's
/// whole validator set and its channels' settled marks: in v1 a 6-hour run's transfer channel wrote 4.9 MB of the same
/// keys and marks, which a resume parsed again
/// (docs/decisions/0009-a-run-resumes-from-its-checkpoint.md, "Cost").
/// </summary>
internal sealed record StoredChannelSnapshot(
    string ChannelId,
    ChannelSpec? Spec,
    RelayerState? Relayer,
    bool Paused,
    bool Duplicate,
    RelayFaults Faults,
    long Restarts,
    string? RefusedStep,
    string? RefusedError,
    IReadOnlyList<ChannelSnapshot.Watch> Watching,
    IReadOnlyList<ImmutableSortedDictionary<string, byte[]>> KeySets,
    IReadOnlyList<ImmutableSortedDictionary<string, ulong>> SettledSets,
    IReadOnlyList<StoredChannelSnapshot.Kept> Observed)
{
    /// <summary>See <see cref="ChannelSnapshot.LastCrash"/>: written only when there is one, so parts without it stay v2's bytes.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? LastCrash { get; init; }

    /// <summary>
    /// A kept digest, its header's validator keys and settled marks replaced by the index of their set in
    /// <see cref="KeySets"/> and <see cref="SettledSets"/> (-1: no marks).
    /// </summary>
    public sealed record Kept(int Keys, int Settled, BlockDigest Digest);

    public static StoredChannelSnapshot Of(ChannelSnapshot s)
    {
        var keySets = new List<ImmutableSortedDictionary<string, byte[]>>();
        var settledSets = new List<ImmutableSortedDictionary<string, ulong>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<Kept>(s.Observed.Count);
        foreach (var d in s.Observed)
        {
            var h = d.Header;
            var keyNames = h.ValidatorKeys.Select(k => k.Key + "=" + Convert.ToBase64String(k.Value));
            var keys = Intern(keySets, index, "k" + string.Join(';', keyNames), h.ValidatorKeys);
            var settled = h.Settled is { } marks
                ? Intern(settledSets, index, "s" + string.Join(';', marks.Select(m => m.Key + "=" + m.Value)), marks)
                : -1;
            kept.Add(new Kept(keys, settled, d with { Header = d.Header with { ValidatorKeys = Empty, Settled = null } }));
        }
        return new StoredChannelSnapshot(s.ChannelId, s.Relayer is null ? s.Spec : null, s.Relayer, s.Paused, s.Duplicate, s.Faults,
            s.Restarts, s.RefusedStep, s.RefusedError, s.Watching, keySets, settledSets, kept) { LastCrash = s.LastCrash };
    }

    /// <summary>The index of <paramref name="set"/> in <paramref name="sets"/>, added once under its <paramref name="name"/>.</summary>
    private static int Intern<T>(List<T> sets, Dictionary<string, int> index, string name, T set)
    {
        if (index.TryGetValue(name, out var i)) return i;
        index[name] = i = sets.Count;
        sets.Add(set);
        return i;
    }

    public ChannelSnapshot ToSnapshot()
    {
        var observed = new List<BlockDigest>(Observed.Count);
        foreach (var k in Observed)
        {
            if (k.Keys < 0 || k.Keys >= KeySets.Count || k.Settled < -1 || k.Settled >= SettledSets.Count)
                throw new System.Text.Json.JsonException($"a kept digest names validator key set {k.Keys} of {KeySets.Count}, " +
                    $"settled marks {k.Settled} of {SettledSets.Count}");
            observed.Add(k.Digest with
            {
                Header = k.Digest.Header with { ValidatorKeys = KeySets[k.Keys], Settled = k.Settled < 0 ? null : SettledSets[k.Settled] },
            });
        }
        return new ChannelSnapshot(ChannelId, Relayer?.Spec ?? Spec, Relayer, Paused, Duplicate, Faults, Restarts, RefusedStep,
            RefusedError, Watching, observed) { LastCrash = LastCrash };
    }

    private static readonly ImmutableSortedDictionary<string, byte[]> Empty = ImmutableSortedDictionary<string, byte[]>.Empty;
}
