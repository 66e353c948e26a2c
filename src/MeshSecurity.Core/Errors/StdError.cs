namespace MeshSecurity.Core.Errors;

/// <summary>Errors shared by every module and contract (cosmwasm-std's StdError).</summary>
public abstract record StdError : MeshError
{
    private StdError() { }

    public override string Codespace => "std";

    public sealed record Overflow(string Operation, string Left, string Right) : StdError
    {
        public override string Message => $"Cannot {Operation} with {Left} and {Right}";
    }

    public sealed record DivideByZero(string Operand) : StdError
    {
        public override string Message => $"Cannot divide {Operand} by zero";
    }

    public sealed record NotFound(string What) : StdError
    {
        public override string Message => $"{What} not found";
    }

    public sealed record ParseError(string Target, string Input, string Reason) : StdError
    {
        public override string Message => $"Error parsing into type {Target}: '{Input}': {Reason}";
    }

    public sealed record InvalidAddress(string Address, string Reason) : StdError
    {
        public override string Message => $"Invalid address '{Address}': {Reason}";
    }

    public sealed record Generic(string Text) : StdError
    {
        public override string Message => Text;
    }

    /// <summary>A contract or module threw something that is not a domain error: the wasm equivalent of a trap.</summary>
    public sealed record Panic(string Text) : StdError
    {
        public override string Message => $"panicked: {Text}";
    }
}
