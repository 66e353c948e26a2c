namespace MeshSecurity.Emulator.Chains;

/// <summary>
/// Where a chain runs its contracts' entry points (the setting <c>contracts.execution</c>, <c>meshsec run --contracts</c>).
/// Both give the same history: the executor and the contract code are the same, only the messages differ.
/// </summary>
public enum ContractExecution
{
    /// <summary>In the chain's own turn, on the chain's copy of each instance: no message per call (the default).</summary>
    Inline,

    /// <summary>In each instance's contract actor: the chain sends every call and waits for the answer.</summary>
    Actor,
}
