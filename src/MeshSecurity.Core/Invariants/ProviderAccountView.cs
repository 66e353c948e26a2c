using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Invariants;

/// <summary>One owner's account in a link's provider contract, as its account query answers it.</summary>
public sealed record ProviderAccountView(Addr Owner, ProviderMsg.AccountResponse Account)
{
    /// <summary>
    /// What the owner's locked tokens stand behind on this provider: active stake (slashed part included, until the cut
    /// reaches the lockup), unbonding claims and stakes and unstakes in flight; the lockup's claim must equal it (P4).
    /// </summary>
    public Amount Exposure =>
        Account.Staked.Aggregate(Amount.Zero, (s, x) => s + x.Tokens + x.Slashed)
        + Account.Unbonding.Aggregate(Amount.Zero, (s, x) => s + x.Amount)
        + Account.InFlightStakes.Aggregate(Amount.Zero, (s, x) => s + x.Amount)
        + Account.InFlightUnstakes.Aggregate(Amount.Zero, (s, x) => s + x.Amount);
}
