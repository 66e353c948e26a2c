using MeshSecurity.Core.Math;

namespace MeshSecurity.Scenarios.Model;

public abstract partial record Expectation
{
    /// <summary>
    /// A smart query of a contract: <paramref name="Msg"/> (JSON, with references the runner resolves), then the value at
    /// <paramref name="JsonPath"/> in the answer ("" for the whole answer) compared with <paramref name="ExpectedJson"/>
    /// (exactly, or only the fields and elements written when <paramref name="Partial"/>), or the query's failure with
    /// <paramref name="Error"/>, or an earlier reading (<see cref="Expectation.Against"/>).
    /// </summary>
    public sealed record Query(Duration At, ContractTarget Contract, string Msg, string JsonPath, string? ExpectedJson, bool Partial,
        ErrorExpectation? Error) : Expectation(At, Amount.Zero)
    {
        public override string What => "query";
    }
}
