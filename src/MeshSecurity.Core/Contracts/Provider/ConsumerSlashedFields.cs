using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Provider;

/// <summary>
/// mesh-provider's <c>consumer_slashed</c> event, one per slash a consumer reports: validator, percentage, infraction
/// height.
/// </summary>
internal sealed class ConsumerSlashedFields(Apis.ValsetSlash slash) : EventFields
{
    public static Event Event(Apis.ValsetSlash slash) => new(ProviderEvents.ConsumerSlashed, new ConsumerSlashedFields(slash));

    public override int Count => 3;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(ProviderEvents.ValidatorKey, slash.Validator),
        1 => new(ProviderEvents.PercentageKey, slash.Fraction),
        2 => new(ProviderEvents.InfractionHeightKey, slash.InfractionHeight),
        _ => throw Beyond(index, Count),
    };
}
