using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Bank;

/// <summary>The bank's supply events: <c>burn</c> (burner, amount) and governance's <c>mint</c> (recipient, amount).</summary>
internal sealed class SupplyFields(string accountKey, Addr account, Coins amount) : EventFields
{
    public static Event Burn(Addr burner, Coins amount) => new("burn", new SupplyFields("burner", burner, amount));

    public static Event Mint(Addr recipient, Coins amount) => new("mint", new SupplyFields("recipient", recipient, amount));

    public override int Count => 2;

    public override EventAttribute At(int index) => index switch
    {
        0 => new(accountKey, account.Value),
        1 => new("amount", amount),
        _ => throw Beyond(index, Count),
    };
}
