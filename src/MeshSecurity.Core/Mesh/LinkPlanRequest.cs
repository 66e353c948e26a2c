using System.Collections.Immutable;

namespace MeshSecurity.Core.Mesh;

/// <summary>
/// What a <see cref="LinkPlan"/> asks its driver to do (docs/decisions/0001-the-executor-asks.md). Every
/// request covers all the links being installed, so the driver can run its items side by side; the answer lists one
/// result per item, in the request's order. Core's MeshSetup answers synchronously on a Coordinator, the emulator's
/// network through its chain and channel actors. <see cref="Activity"/> says what the step does, for progress lines.
/// </summary>
public abstract record LinkPlanRequest
{
    private LinkPlanRequest(string activity) => Activity = activity;

    public string Activity { get; }

    /// <summary>
    /// Submit these transactions together and wait until each is in a block. Answer with their
    /// <see cref="Execution.TxResult"/>s (an <c>IReadOnlyList&lt;TxResult&gt;</c>); a failed one stops the plan.
    /// </summary>
    public sealed record Execute(string Activity, ImmutableArray<PlannedTx> Txs) : LinkPlanRequest(Activity);

    /// <summary>
    /// Open these channels together through their relayers (clients and connection too, unless a spec reuses one).
    /// Answer with their <see cref="Relaying.ChannelEnds"/> (an <c>IReadOnlyList&lt;ChannelEnds&gt;</c>).
    /// </summary>
    public sealed record OpenChannels(string Activity, ImmutableArray<PlannedChannel> Channels) : LinkPlanRequest(Activity);

    /// <summary>Run these smart queries; answer with their responses (an <c>IReadOnlyList&lt;object&gt;</c>).</summary>
    public sealed record Query(string Activity, ImmutableArray<PlannedQuery> Queries) : LinkPlanRequest(Activity);

    /// <summary>
    /// Let the relayers work until the provider of every link has recorded its consumer's validators (the provider asks
    /// for them when the mesh channel opens; a link is usable once the answer is back). Answer with null, or throw when
    /// they do not come.
    /// </summary>
    public sealed record AwaitValidators(string Activity, ImmutableArray<MeshLinkInfo> Links) : LinkPlanRequest(Activity);
}
