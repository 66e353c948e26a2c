using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Risk;

/// <summary>
/// One consumer chain's exposure: its bonded power, the cost of corrupting it (the stake slashed from the cheapest set of
/// validators holding the threshold of that power: <paramref name="Coalition"/>, operator addresses), and, when a profit
/// is given, whether the cost exceeds it and by how much (slack γ = cost / profit − 1, floored to 18 digits).
/// Amounts are in the chain's staking token.
/// </summary>
public sealed record ChainRisk(string Chain, Amount Power, Amount Cost, ImmutableArray<string> Coalition, bool Exact,
    Amount? Profit, bool? Secure, Dec? Slack);
