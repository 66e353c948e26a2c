using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// mesh-provider's stake events (<c>ack_stake</c>, <c>failed_stake</c>, <c>ack_unstake</c>, <c>failed_unstake</c>):
/// owner, validator, amount.
/// </summary>
internal sealed class ProviderStakeFields(string owner, string validator, Amount amount) : EventFields
{
    public static Event Event(string type, string owner, string validator, Amount amount) =>
        new(type, new ProviderStakeFields(owner, validator, amount));

    public override int Count => 3;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(ProviderEvents.OwnerKey, owner),
        1 => new(ProviderEvents.ValidatorKey, validator),
        2 => new(ProviderEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
