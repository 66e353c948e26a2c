namespace MeshSecurity.Core.Wasm;

/// <summary>
/// Stored contract code: pure and deterministic. Given a state and a call it returns a new state and a response,
/// or an error; it never mutates the state it was given.
/// </summary>
public interface IContractCode
{
    /// <summary>The code's name, e.g. "mesh-lockup".</summary>
    string CodeId { get; }

    /// <summary>The type of an instance's state (a chain's snapshot writes it as JSON and reads it back as this type).</summary>
    Type StateType { get; }

    ContractOutcome Run(object? state, ContractCall call, ContractContext ctx);

    /// <summary>Answers a query on a committed state; raises a <see cref="Errors.MeshException"/> on error.</summary>
    object Query(object state, object msg, ContractContext ctx);
}
