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
}
