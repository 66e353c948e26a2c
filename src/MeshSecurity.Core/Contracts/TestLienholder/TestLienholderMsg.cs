using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.TestLienholder;

/// <summary>The messages of the test lien-holder and its query answers.</summary>
public static class TestLienholderMsg
{
    /// <summary>
    /// <paramref name="Lockup"/>: the lockup whose claims it holds; <paramref name="RefuseClaims"/>: refuse every claim
    /// (so a grant to it reverts), to test the lockup's atomic grant.
    /// </summary>
    public sealed record Instantiate(string Lockup, bool RefuseClaims = false);

    [ExternallyTagged]
    public abstract record Execute
    {
        private Execute() { }

        /// <summary>The lockup's grant, as it sends it to any lien-holder (mesh-provider's wire form). Recorded, then kept.</summary>
        public sealed record ReceiveClaim(string Owner, Amount Amount, string Validator) : Execute;

        /// <summary>The lockup's propagation of a slash elsewhere (mesh-provider's wire form). Recorded; the claim falls.</summary>
        public sealed record CutStake(string Owner, Amount Amount) : Execute;

        /// <summary>Anyone: release <paramref name="Amount"/> of the owner's claim back to the lockup (release_claim).</summary>
        public sealed record Release(string Owner, Amount Amount) : Execute;

        /// <summary>Anyone: slash <paramref name="Amount"/> of the owner's claim at the lockup (slash_claim).</summary>
        public sealed record Slash(string Owner, Amount Amount) : Execute;
    }

    [ExternallyTagged]
    public abstract record Query
    {
        private Query() { }

        /// <summary>Answers <see cref="CallsResponse"/>.</summary>
        public sealed record Calls : Query;

        /// <summary>Answers an <see cref="Amount"/>: what the fixture holds of the owner's claim (0 when none).</summary>
        public sealed record Claim(string Owner) : Query;
    }

    /// <summary>One call it received or made, in order: what, from or for whom, how much (and the validator of a claim).</summary>
    public sealed record Call(string Kind, Addr Sender, string Owner, Amount Amount, string? Validator);

    public sealed record CallsResponse(ImmutableArray<Call> Calls);
}
