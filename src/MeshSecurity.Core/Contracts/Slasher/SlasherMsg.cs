using System.Collections.Immutable;
using MeshSecurity.Core.Apis;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Slasher;

/// <summary>The messages of mesh-slasher and its query answers.</summary>
public static class SlasherMsg
{
    /// <summary>
    /// Sent by the provider, which becomes the slashee. <paramref name="ConnectionId"/> is the provider chain's connection
    /// to the consumer chain: its light client names the chain and holds the validator keys evidence is checked against.
    /// Evidence older than <paramref name="UnbondingPeriod"/> seconds is refused.
    /// </summary>
    public sealed record Instantiate(string Owner, string ConnectionId, ulong UnbondingPeriod, Dec? DoubleSignFraction = null);

    [ExternallyTagged]
    public abstract record Execute
    {
        private Execute() { }

        /// <summary>Anyone may submit. Valid evidence slashes the validator on the provider (force_unbond = true).</summary>
        public sealed record SubmitEvidence(DoubleSignEvidence Evidence) : Execute;

        /// <summary>
        /// Contract: only the owner (the seed's submit_evidence {validator, amount} took the fraction from its caller). Sends
        /// the provider the slash of <paramref name="Percentage"/> as given, with or without force_unbond, for an infraction
        /// at <paramref name="InfractionTime"/> (now when absent); the provider checks the percentage and the validator.
        /// </summary>
        public sealed record Slash(string Validator, Dec Percentage, bool ForceUnbond, Timestamp? InfractionTime = null) : Execute;
    }

    /// <summary>Two headers the same validator signed for the same height of the consumer chain, with different app hashes.</summary>
    public sealed record DoubleSignEvidence(SignedHeader HeaderA, SignedHeader HeaderB);

    [ExternallyTagged]
    public abstract record Query
    {
        private Query() { }

        /// <summary>Answers <see cref="ConfigResponse"/>.</summary>
        public sealed record Config : Query;

        /// <summary>Answers <see cref="EvidenceListResponse"/>: processed evidence by validator, then height.</summary>
        public sealed record Evidence : Query;
    }

    public sealed record ConfigResponse(Addr Owner, Addr Slashee, string ConnectionId, ulong UnbondingPeriod, Dec DoubleSignFraction);

    public sealed record EvidenceResponse(string Validator, ulong Height, Timestamp InfractionTime, Addr Submitter, Timestamp SubmittedAt);

    public sealed record EvidenceListResponse(ImmutableArray<EvidenceResponse> Evidence);
}
