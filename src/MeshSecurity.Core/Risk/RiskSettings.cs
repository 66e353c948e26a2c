using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Risk;

/// <summary>
/// The inputs of <see cref="RestakingRisk"/> beyond the state: what corrupting each consumer chain would gain an attacker
/// (<paramref name="Profits"/>, in that chain's staking token; chains left out have no security comparison), the links,
/// the share of a chain's power a coalition needs to corrupt it (<paramref name="Threshold"/>; null: one third, what
/// breaks CometBFT's safety) and the shock the cascade starts from (<paramref name="Shock"/>, a fraction of all the
/// slashable stake).
/// </summary>
public sealed record RiskSettings(
    ImmutableDictionary<string, Amount> Profits,
    ImmutableArray<LinkRisk> Links,
    Dec Shock,
    Dec? Threshold = null);
