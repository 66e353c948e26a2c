using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Slasher;

/// <summary>mesh-slasher's state: its configuration and the evidence it has acted on, by (validator, height).</summary>
public sealed record SlasherState(SlasherState.Settings Config, ImmutableSortedDictionary<SlasherState.EvidenceKey, SlasherState.EvidenceRecord> Evidence)
{
    public static SlasherState Create(Settings config) => new(config, ImmutableSortedDictionary<EvidenceKey, EvidenceRecord>.Empty);

    /// <summary><paramref name="Slashee"/>: the provider that instantiated this slasher, the only contract it slashes on.</summary>
    public sealed record Settings(Addr Owner, Addr Slashee, string ConnectionId, ulong UnbondingPeriod, Dec DoubleSignFraction);

    public readonly record struct EvidenceKey(string Validator, ulong Height) : IComparable<EvidenceKey>
    {
        public int CompareTo(EvidenceKey other) =>
            string.CompareOrdinal(Validator, other.Validator) is var c and not 0 ? c : Height.CompareTo(other.Height);
    }

    public sealed record EvidenceRecord(Timestamp InfractionTime, Addr Submitter, Timestamp SubmittedAt);
}
