using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Bank;

/// <summary>Errors of the bank module.</summary>
public abstract record BankError : MeshError
{
    private BankError() { }

    public override string Codespace => "bank";

    public sealed record InsufficientFunds(Addr Address, Coin Needed, Coin Available) : BankError
    {
        public override string Message => $"{Available} is smaller than {Needed}: insufficient funds ({Address})";
    }

    /// <summary>A send or burn of no coins: the SDK's MsgSend and MsgBurn refuse it before it runs (ErrInvalidCoins).</summary>
    public sealed record InvalidCoins(string Coins) : BankError
    {
        public override string Message => $"{(Coins.Length == 0 ? "no coins" : Coins)}: invalid coins";
    }
}
