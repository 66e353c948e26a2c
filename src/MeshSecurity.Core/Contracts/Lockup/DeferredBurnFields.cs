using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>mesh-lockup's <c>deferred_burn</c> event: the amount of matured slashed unbondings burned.</summary>
internal sealed class DeferredBurnFields(Amount amount) : EventFields
{
    public static Event Event(Amount amount) => new(LockupEvents.DeferredBurn, new DeferredBurnFields(amount));

    public override int Count => 1;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(LockupEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
