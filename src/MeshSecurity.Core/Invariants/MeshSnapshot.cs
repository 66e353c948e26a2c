using System.Collections.Immutable;
using MeshSecurity.Core.Chain;

namespace MeshSecurity.Core.Invariants;

/// <summary>
/// What <see cref="MeshInvariants"/> reads at one moment, from Core types only so that every driver can produce it: the
/// modules' state of every chain (bank, staking, IBC), the lockup accounts and the links' contract views.
/// <paramref name="InjectedFrom"/> is the first sequence of packets a driver delivers without the sender ever sending
/// them (a scenario's inject-packet steps): their receipts are not the channel's own.
/// </summary>
public sealed record MeshSnapshot(
    ImmutableArray<ChainState> Chains,
    ImmutableArray<LockupAccountView> Lockups,
    ImmutableArray<LinkView> Links,
    ulong InjectedFrom = ulong.MaxValue)
{
    public ChainState? Chain(string chainId) => Chains.FirstOrDefault(c => c.ChainId == chainId);
}
