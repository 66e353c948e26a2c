using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record Expectation
{
    /// <summary>
    /// A consumer validator's state as the link's provider records it (docs/scenarios.md "Validator lifecycle"): now, or
    /// as of an earlier scenario time (<paramref name="AsOf"/>) from its history. <paramref name="ExpectedState"/> is
    /// "active", "removed", "jailed", "tombstoned" or "unknown" (no record then).
    /// </summary>
    public sealed record ValidatorStateOf(Duration At, string Provider, string Consumer, string Validator, Duration? AsOf,
        string ExpectedState) : Expectation(At, Amount.Zero)
    {
        public override string What => "validator-state";
    }
}
