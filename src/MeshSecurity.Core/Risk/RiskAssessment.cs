using System.Collections.Immutable;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Risk;

/// <summary>
/// The restaking risk of a network (<see cref="RestakingRisk"/>): each consumer chain's exposure; the network's slack
/// (the least over the chains with a profit; null when none has one or one is not secure); and the cascade from a shock
/// of <paramref name="Shock"/>: the share of all slashable stake it ends up destroying (<paramref name="Loss"/>), the
/// bound (1 + 1/γ)·ψ of Durvasula and Roughgarden's "Robust restaking networks" (null without a positive slack), whether
/// the loss stayed within it, and what happened, step by step.
/// </summary>
public sealed record RiskAssessment(ImmutableArray<ChainRisk> Chains, Dec? Slack, Dec Shock, Dec Loss, Dec? Bound, bool? BoundHolds,
    ImmutableArray<CascadeStep> Cascade);
