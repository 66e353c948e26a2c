namespace MeshSecurity.Core.Errors;

/// <summary>Errors about attached funds (cw-utils' PaymentError).</summary>
public abstract record PaymentError : MeshError
{
    private PaymentError() { }

    public override string Codespace => "payment";

    public sealed record NoFunds : PaymentError
    {
        public override string Message => "No funds sent";
    }

    public sealed record MultipleDenoms : PaymentError
    {
        public override string Message => "Sent more than one denomination";
    }

    public sealed record MissingDenom(string Denom) : PaymentError
    {
        public override string Message => $"Must send '{Denom}' to the contract";
    }

    public sealed record NonPayable : PaymentError
    {
        public override string Message => "This message does no accept funds";
    }
}
