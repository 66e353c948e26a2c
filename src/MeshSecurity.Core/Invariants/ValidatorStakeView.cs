using MeshSecurity.Core.Contracts.Consumer;
using MeshSecurity.Core.Contracts.Provider;
using MeshSecurity.Core.Math;

namespace MeshSecurity.Core.Invariants;

/// <summary>
/// The three records of a link's stake on one consumer validator: the provider's, the consumer contract's, and what
/// meta-staking delegates for the consumer; and, for a link whose meta-staking normalises stake over its cap, what it was
/// asked for (it delegates a scaled share of that).
/// </summary>
public sealed record ValidatorStakeView(string Validator, ProviderMsg.StakeResponse Provider, ConsumerMsg.RemoteStakeResponse Consumer,
    Amount MetaDelegation, Amount? MetaRequest = null)
{
    /// <summary>Nothing of this stake is on its way: the provider has no stake, unstake or burn the consumer has not applied.</summary>
    public bool Quiet => Provider.InFlightStake.IsZero && Provider.InFlightUnstake.IsZero && Provider.UndeliveredBurn.IsZero;
}
