using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>mesh-lockup's <c>local_cut</c> event: owner, the amount of owned local tokens taken.</summary>
internal sealed class LocalCutFields(Addr owner, Amount amount) : EventFields
{
    public static Event Event(Addr owner, Amount amount) => new(LockupEvents.LocalCut, new LocalCutFields(owner, amount));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(LockupEvents.OwnerKey, owner.Value),
        1 => new(LockupEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
