namespace MeshSecurity.Core.Errors;

/// <summary>
/// A domain error: data, not an exception. Every contract and module has a closed family of these.
/// <see cref="Kind"/> is the stable case name (compare it in tests); <see cref="Message"/> is the human text, the prototype's
/// where it had one (docs/seed-contracts.md §4).
/// </summary>
public abstract record MeshError
{
    /// <summary>Which family the error belongs to: "std", "payment", "bank", "staking", "ibc", "lockup", ...</summary>
    public abstract string Codespace { get; }

    /// <summary>The case name, e.g. "ClaimsLocked".</summary>
    public virtual string Kind => GetType().Name;

    public abstract string Message { get; }

    public sealed override string ToString() => $"{Codespace}:{Kind}: {Message}";

    /// <summary>Raises this error; entry points catch it and turn it back into a result.</summary>
    public MeshException Raise() => new(this);
}
