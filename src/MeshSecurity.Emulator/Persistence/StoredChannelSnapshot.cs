using System.Collections.Immutable;
using MeshSecurity.Core.Relaying;

namespace MeshSecurity.Emulator.Persistence;

/// <summary>
/// How <see cref="ChannelSnapshot"/> is stored from <c>channel-snapshot.v2</c> on: the channel's spec once (the relayer's
/// state holds it; only a channel without a relayer yet writes it here), and the kept digests' validator key sets once
/// each. An idle channel keeps every block's digest for a later window, each header with the chain's whole validator
/// set: in v1 a 6-hour run's transfer channel wrote 4.9 MB of the same keys, which a resume parsed again
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
    IReadOnlyList<StoredChannelSnapshot.Kept> Observed)
{
    /// <summary>A kept digest, its header's validator keys replaced by the index of its set in <see cref="KeySets"/>.</summary>
    public sealed record Kept(int Keys, BlockDigest Digest);

    public static StoredChannelSnapshot Of(ChannelSnapshot s)
    {
        var sets = new List<ImmutableSortedDictionary<string, byte[]>>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<Kept>(s.Observed.Count);
        foreach (var d in s.Observed)
        {
            var keys = d.Header.ValidatorKeys;
            var name = string.Join(';', keys.Select(k => k.Key + "=" + Convert.ToBase64String(k.Value)));
            if (!index.TryGetValue(name, out var i))
            {
                index[name] = i = sets.Count;
                sets.Add(keys);
            }
            kept.Add(new Kept(i, d with { Header = d.Header with { ValidatorKeys = Empty } }));
        }
        return new StoredChannelSnapshot(s.ChannelId, s.Relayer is null ? s.Spec : null, s.Relayer, s.Paused, s.Duplicate, s.Faults,
            s.Restarts, s.RefusedStep, s.RefusedError, s.Watching, sets, kept);
    }

    public ChannelSnapshot ToSnapshot()
    {
        var observed = new List<BlockDigest>(Observed.Count);
        foreach (var k in Observed)
        {
            if (k.Keys < 0 || k.Keys >= KeySets.Count)
                throw new System.Text.Json.JsonException($"a kept digest names validator key set {k.Keys} of {KeySets.Count}");
            observed.Add(k.Digest with { Header = k.Digest.Header with { ValidatorKeys = KeySets[k.Keys] } });
        }
        return new ChannelSnapshot(ChannelId, Relayer?.Spec ?? Spec, Relayer, Paused, Duplicate, Faults, Restarts, RefusedStep,
            RefusedError, Watching, observed);
    }

    private static readonly ImmutableSortedDictionary<string, byte[]> Empty = ImmutableSortedDictionary<string, byte[]>.Empty;
}
