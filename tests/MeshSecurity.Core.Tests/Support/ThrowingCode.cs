using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>
/// Contract code written against <see cref="IContractCode"/> directly (not the <see cref="Contract{TState,TInstantiate,TExecute,TQuery}"/>
/// base) that throws from every entry point: a trap the host, not the contract base, has to contain.
/// </summary>
public sealed class ThrowingCode : IContractCode
{
    public const string Code = "throwing-code";

    public string CodeId => Code;

    public Type StateType => typeof(object);

    public ContractOutcome Run(object? state, ContractCall call, ContractContext ctx) =>
        throw new InvalidOperationException($"trap in {call.EntryPoint}");

    public object Query(object state, object msg, ContractContext ctx) =>
        throw new InvalidOperationException("trap in query");
}
