using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Contracts.TestLienholder;

/// <summary>Why the test lien-holder refuses a call.</summary>
public abstract record TestLienholderError : MeshError
{
    private TestLienholderError() { }

    public override string Codespace => "test-lienholder";

    public sealed record ClaimRefused : TestLienholderError
    {
        public override string Message => "This lien-holder was told to refuse claims";
    }

    public sealed record NotTheLockup : TestLienholderError
    {
        public override string Message => "Only the lockup grants and cuts claims";
    }

    public sealed record NotHeld(Amount Held, Amount Asked) : TestLienholderError
    {
        public override string Message => $"The lien-holder holds {Held} of this claim, not {Asked}";
    }
}
