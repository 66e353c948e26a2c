using MeshSecurity.Emulator.Protocol;

namespace MeshSecurity.Emulator.Cluster;

/// <summary>
/// What a member's <see cref="MeshNode"/> asks of a run's driver (the process running `meshsec run --cluster`), at
/// /user/<see cref="InboxName"/>: the live faults that rest on what the driver's scenario runner keeps (the link's mesh
/// channel it follows, the price oracle it is, a withdraw race's order and count). The runner applies each at its next
/// slice boundary with its chaos step's code. Only names and values cross: the runner checks them against the run.
/// Answer: <see cref="DriverChaosReply"/>. The member re-sends a request until answered, and the runner applies each
/// <c>Id</c> once, answering a copy as it answered the first (docs/decisions/0013-at-least-once-between-entities.md).
/// </summary>
public abstract record DriverChaos : IMeshProtocolMember
{
    private DriverChaos() { }

    /// <summary>The driver's actor for one attempt of a run (its instance: the run id, "-2" on from a second attempt).</summary>
    public static string InboxName(string instance) => $"chaos-{instance}";

    /// <summary>
    /// ibc.close-channel (<paramref name="Side"/>), econ.price-shock (<paramref name="Factor"/>) or econ.withdraw-race
    /// (<paramref name="Account"/>, <paramref name="Validator"/>) on the link; <paramref name="Member"/> asked for it.
    /// </summary>
    public sealed record Inject(string Instance, string Fault, string Provider, string Consumer, string? Side, string? Factor,
        string? Account, string? Validator, string Member, string Id) : DriverChaos;

    /// <summary>Ends the lasting faults <paramref name="Member"/> injected, as their steps' end does.</summary>
    public sealed record Heal(string Instance, string Member, string Id) : DriverChaos;
}
