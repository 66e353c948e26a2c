using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Bank;

/// <summary>The bank's <c>transfer</c> event: sender, recipient, amount (funds sent with a call, a bank send).</summary>
internal sealed class TransferFields(Addr sender, Addr recipient, Coins amount) : EventFields
{
    public const string Type = "transfer";

    public static Event Event(Addr sender, Addr recipient, Coins amount) => new(Type, new TransferFields(sender, recipient, amount));

    public override int Count => 3;

    public override EventAttribute At(int index) => index switch
    {
        0 => new("sender", sender.Value),
        1 => new("recipient", recipient.Value),
        2 => new("amount", amount),
        _ => throw Beyond(index, Count),
    };
}
