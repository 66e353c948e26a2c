using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>
/// Runs one contract's entry points directly on a state, as cosmwasm unit tests do with mock_dependencies:
/// <see cref="Ok"/> keeps the new state and returns the response; <see cref="Fails"/> returns the error and keeps the old state.
/// </summary>
public sealed class ContractHarness(IContractCode code, Addr self, MockQuerier? querier = null)
{
    public MockQuerier Querier { get; } = querier ?? new MockQuerier();
    public object? State { get; private set; }
    public ulong Height { get; set; } = 100;
    public Timestamp Time { get; set; } = Timestamp.FromSeconds(1_700_000_000);
    public Addr Self { get; } = self;

    public ContractContext Context => new(new Env(Querier.ChainId, Height, Time, Self), Querier);

    public Response Ok(ContractCall call)
    {
        var outcome = code.Run(State, call, Context);
        // a panic is a bug, not a refusal: not an assertion failure a property test may take as "the action was refused"
        if (outcome is ContractOutcome.Failed p && Core.Invariants.MeshInvariants.IsPanic(p.Error))
            throw new InvalidOperationException($"{Core.Invariants.MeshInvariants.NoPanic}: {call.EntryPoint} {p.Error}");
        if (outcome is ContractOutcome.Failed f) throw new Xunit.Sdk.XunitException($"expected success, got {f.Error}");
        var ok = (ContractOutcome.Ok)outcome;
        State = ok.State;
        return ok.Response;
    }

    public MeshError Fails(ContractCall call)
    {
        var outcome = code.Run(State, call, Context);
        if (outcome is ContractOutcome.Ok) throw new Xunit.Sdk.XunitException($"expected an error from {call.EntryPoint}, got success");
        return ((ContractOutcome.Failed)outcome).Error;
    }

    public T Query<T>(object msg) => (T)code.Query(State!, msg, Context);

    public Response Instantiate(Addr sender, object msg, Coins? funds = null) => Ok(new ContractCall.Instantiate(new MessageInfo(sender, funds ?? Coins.Empty), msg));

    public Response Execute(Addr sender, object msg, Coins? funds = null) => Ok(new ContractCall.Execute(new MessageInfo(sender, funds ?? Coins.Empty), msg));

    public MeshError ExecuteFails(Addr sender, object msg, Coins? funds = null) =>
        Fails(new ContractCall.Execute(new MessageInfo(sender, funds ?? Coins.Empty), msg));
}
