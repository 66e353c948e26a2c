using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Contracts.Lockup;

/// <summary>mesh-lockup's <c>claim_cut</c> event, one per lien a slash cuts: owner, lienholder, amount.</summary>
internal sealed class ClaimCutFields(Addr owner, Addr lienholder, Amount amount) : EventFields
{
    public static Event Event(Addr owner, Addr lienholder, Amount amount) =>
        new(LockupEvents.ClaimCut, new ClaimCutFields(owner, lienholder, amount));

    public override int Count => 3;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(LockupEvents.OwnerKey, owner.Value),
        1 => new(LockupEvents.LienholderKey, lienholder.Value),
        2 => new(LockupEvents.AmountKey, amount),
        _ => throw Beyond(index, Count),
    };
}
