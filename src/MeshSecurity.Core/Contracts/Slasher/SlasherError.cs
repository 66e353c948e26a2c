using MeshSecurity.Core.Errors;

namespace MeshSecurity.Core.Contracts.Slasher;

/// <summary>Why mesh-slasher refuses evidence (the seed's submit_evidence was unimplemented, so all are new).</summary>
public abstract record SlasherError : MeshError
{
    private SlasherError() { }

    public override string Codespace => "slasher";

    public sealed record NoLightClient(string ConnectionId) : SlasherError
    {
        public override string Message => $"No light client behind connection '{ConnectionId}'";
    }

    public sealed record WrongChain(string Expected, string Actual) : SlasherError
    {
        public override string Message => $"Evidence must come from chain '{Expected}', got '{Actual}'";
    }

    public sealed record DifferentHeights(ulong HeightA, ulong HeightB) : SlasherError
    {
        public override string Message => $"The headers are for different heights: {HeightA} and {HeightB}";
    }

    public sealed record DifferentValidators(string ValidatorA, string ValidatorB) : SlasherError
    {
        public override string Message => $"The headers are signed by different validators: {ValidatorA} and {ValidatorB}";
    }

    public sealed record SameAppHash : SlasherError
    {
        public override string Message => "The headers have the same app hash: not a double sign";
    }

    public sealed record UnknownValidatorKey(string Validator) : SlasherError
    {
        public override string Message => $"The light client knows no consensus key for {Validator}";
    }

    public sealed record InvalidSignature(string Header) : SlasherError
    {
        public override string Message => $"The signature of {Header} does not verify";
    }

    public sealed record DuplicateEvidence(string Validator, ulong Height) : SlasherError
    {
        public override string Message => $"Evidence for {Validator} at height {Height} was already processed";
    }

    /// <summary>As the SDK's evidence module ignores equivocation of a tombstoned validator: it is punished once.</summary>
    public sealed record AlreadyTombstoned(string Validator, ulong Height) : SlasherError
    {
        public override string Message =>
            $"{Validator} is tombstoned already: its double sign at height {Height} was slashed, and it is not slashed again";
    }

    public sealed record EvidenceExpired(ulong Height, Types.Timestamp Time) : SlasherError
    {
        public override string Message => $"Evidence at height {Height} ({Time}) is older than the unbonding period";
    }

    public sealed record Unauthorized : SlasherError
    {
        public override string Message => "Only the slasher's owner may slash without evidence";
    }
}
