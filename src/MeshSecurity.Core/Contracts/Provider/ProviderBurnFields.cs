using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>mesh-provider's burn events (<c>ack_burn</c>, <c>failed_burn</c>, <c>resent_burn</c>): validator, amount.</summary>
internal sealed class ProviderBurnFields(string validator, Amount amount) : EventFields
{
    public static Event Event(string type, string validator, Amount amount) => new(type, new ProviderBurnFields(validator, amount));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(ProviderEvents.ValidatorKey, validator),
        1 => new(ProviderEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
