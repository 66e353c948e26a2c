namespace MeshSecurity.Scenarios.Model;

/// <summary>
/// When a link's consumer re-values existing stake at a new price (docs/scenarios.md "Prices", `remark`): the seed's
/// open question "We need to update the voting power of the consumer contract when the price changes".
/// </summary>
public enum RemarkPolicy
{
    /// <summary>Production: each packet is valued at its own price, existing stake is never re-marked.</summary>
    Never,

    /// <summary>At each epoch's end the stake is valued again at the latest price (needs the consumer's `epoch`).</summary>
    EveryEpoch,
}
