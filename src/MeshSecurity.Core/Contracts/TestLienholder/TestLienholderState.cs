using System.Collections.Immutable;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.TestLienholder;

/// <summary>The lockup it serves, whether it refuses claims, the claims it holds by owner, and every call in order.</summary>
public sealed record TestLienholderState(
    Addr Lockup,
    bool RefuseClaims,
    ImmutableSortedDictionary<Addr, Amount> Claims,
    ImmutableList<TestLienholderMsg.Call> Calls)
{
    public Amount ClaimOf(Addr owner) => Claims.GetValueOrDefault(owner, Amount.Zero);

    public TestLienholderState WithClaim(Addr owner, Amount amount) =>
        this with { Claims = amount.IsZero ? Claims.Remove(owner) : Claims.SetItem(owner, amount) };

    public TestLienholderState Record(TestLienholderMsg.Call call) => this with { Calls = Calls.Add(call) };
}
