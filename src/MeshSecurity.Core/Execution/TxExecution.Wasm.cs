using System.Collections.Immutable;
using System.Globalization;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

public sealed partial class TxExecution
{
    /// <remarks>
    /// Not an iterator (one allocation less per execute): its checks and transfer run when <see cref="Dispatch"/>, an
    /// iterator, calls it, so a failure still raises inside the caller's <see cref="Guard"/>, as before.
    /// </remarks>
    private IEnumerable<ExecutorRequest> Execute(Addr sender, CosmosMsg.WasmExecute m, Box<object?> data)
    {
        RequireContract(m.Contract);
        SendFunds(sender, m.Contract, m.Funds);
        // the contract's form: its one attribute is read from the address, no array for it
        Emit(new Event("execute", m.Contract, [], 0));
        return RunEntry(m.Contract, new ContractCall.Execute(new MessageInfo(sender, m.Funds), m.Msg), data);
    }

    private IEnumerable<ExecutorRequest> Instantiate(Addr sender, CosmosMsg.WasmInstantiate m, Box<object?> data)
    {
        if (!_codes.Contains(m.CodeId)) throw new StdError.NotFound($"code {m.CodeId}").Raise();
        var wasm = _state.Wasm;
        var address = Addr.Derive(_state.Prefix, $"contract/{m.CodeId}/{wasm.NextInstanceId.ToString(CultureInfo.InvariantCulture)}");
        var port = WasmState.PortOf(address);
        _state = _state with
        {
            Wasm = wasm with
            {
                Contracts = wasm.Contracts.Add(address, new ContractInfo(address, m.CodeId, m.Label, sender, m.Admin, port)),
                PortOwners = wasm.PortOwners.Add(port, address),
                NextInstanceId = wasm.NextInstanceId + 1,
            },
        };
        Touch(address);
        yield return new ExecutorRequest.Create(address, m.CodeId, Depth);
        SendFunds(sender, address, m.Funds);
        Emit(new Event("instantiate", ("_contract_address", address.Value), ("code_id", m.CodeId)));
        var call = new ContractCall.Instantiate(new MessageInfo(sender, m.Funds), m.Msg);
        foreach (var r in RunEntry(address, call, _dropped)) yield return r;
        data.Value = new InstantiateResult(address);
    }

    private void SendFunds(Addr sender, Addr contract, Coins funds)
    {
        if (funds.IsEmpty) return;
        _state.Bank.Send(sender, contract, funds);
        Emit(Bank.TransferFields.Event(sender, contract, funds));
    }

    private void RequireContract(Addr contract)
    {
        if (_state.Wasm.Get(contract) is null) throw new StdError.NotFound($"contract {contract}").Raise();
    }

    /// <summary>
    /// Asks the driver to run one entry point (raising the contract's error if it fails), records its events, then
    /// dispatches its messages (and replies) in order. One iterator for the call and what follows it: an iterator is
    /// an allocation per contract call (docs/bench.md, "Where the time goes").
    /// </summary>
    private IEnumerable<ExecutorRequest> RunEntry(Addr contract, ContractCall call, Box<object?> data, Box<Response>? responseOut = null)
    {
        var info = _state.Wasm.Get(contract) ?? throw new StdError.NotFound($"contract {contract}").Raise();
        Touch(contract);
        var ctx = Context(contract);
        _reply = null;
        yield return new ExecutorRequest.Call(contract, info.CodeId, call, ctx, Depth);
        var resp = _reply switch
        {
            ContractOutcome.Ok ok => ok.Response,
            ContractOutcome.Failed f => throw f.Error.Raise(),
            _ => throw new InvalidOperationException(
                $"the driver answered a contract call with {_reply?.GetType().Name ?? "null"}"),
        };
        if (responseOut is not null) responseOut.Value = resp;
        EmitContractEvents(contract, resp);
        data.Value = resp.Data;
        foreach (var sub in resp.Messages)
        {
            if (sub.ReplyOn == ReplyOn.Never)
            {
                // a plain message (most are): no scope, no reply, its data dropped, so no RunSubMsg iterator for it;
                // an execute is what Dispatch would do for it, without Dispatch's iterator (it raises here, as there)
                var plain = sub.Msg is CosmosMsg.WasmExecute execute
                    ? Execute(contract, execute, _dropped)
                    : Dispatch(contract, sub.Msg, fromContract: true, _dropped);
                foreach (var r in plain) yield return r;
                continue;
            }
            var replyData = new Box<object?>();
            foreach (var r in RunSubMsg(contract, sub, replyData)) yield return r;
            if (replyData.Value is not null) data.Value = replyData.Value;
        }
    }

    // where a callee's data is dropped (a plain sub-message, a packet callback): written, never read, so one for all
    private readonly Box<object?> _dropped = new();

    private ImmutableArray<Event> EventsSince(int start)
    {
        if (start == _events.Count) return [];
        var events = new Event[_events.Count - start];
        _events.CopyTo(start, events, 0, events.Length);
        return System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(events);
    }

    // the last call's context: a transaction relaying packets calls one contract again and again at one height and time,
    // and both records are immutable, so an equal one is reused (its querier is replaced when the state record is)
    private ContractContext? _context;

    private ContractContext Context(Addr contract)
    {
        var querier = Querier();
        var env = _context?.Env;
        if (env is null || env.Contract != contract || env.Height != _state.Height || env.Time != _state.Time
            || !ReferenceEquals(env.ChainId, _state.ChainId))
            env = EnvOf(contract);
        if (_context is null || !ReferenceEquals(_context.Env, env) || !ReferenceEquals(_context.Querier, querier))
            _context = new ContractContext(env, querier);
        return _context;
    }

    // a contract's environment at this height and time: a relayed packet calls two or three contracts in turn, so the
    // last call's is seldom the one; kept per contract for the block (bounded, for a block that calls many)
    private readonly Dictionary<Addr, Env> _envs;

    private Env EnvOf(Addr contract)
    {
        if (_envs.TryGetValue(contract, out var env) && env.Height == _state.Height && env.Time == _state.Time
            && ReferenceEquals(env.ChainId, _state.ChainId))
            return env;
        if (_envs.Count >= 64) _envs.Clear();
        return _envs[contract] = new Env(_state.ChainId, _state.Height, _state.Time, contract);
    }

    // contracts read the working state through it; one per state record (a write to a store keeps the record)
    private Chain.ChainQuerier? _querier;

    private Chain.ChainQuerier Querier()
    {
        if (_querier is null || !ReferenceEquals(_querier.State, _state)) _querier = new Chain.ChainQuerier(_state);
        return _querier;
    }

    private void EmitContractEvents(Addr contract, Response resp)
    {
        // the contract's attributes are shared with its events, not copied (Event's contract form)
        if (resp.AttributeCount > 0) Emit(new Event("wasm", contract, resp.AttributeArray, resp.AttributeCount));
        foreach (var e in resp.EventSpan)
        {
            var attributes = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsArray(e.Attributes) ?? [];
            Emit(new Event(WasmType(e.Type), contract, attributes, attributes.Length));
        }
    }

    // a contract's event types are a handful of constants: "wasm-" + type is made once per type, not per event (the
    // bound keeps code that makes its types up as it goes from growing the table: past it, a string per event)
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> WasmTypes = new(StringComparer.Ordinal);

    private static string WasmType(string type) =>
        WasmTypes.TryGetValue(type, out var known) ? known
        : WasmTypes.Count < 256 ? WasmTypes.GetOrAdd(type, static t => "wasm-" + t)
        : "wasm-" + type;

    /// <summary>
    /// CosmWasm sub-message semantics: with reply on error or always the message runs in its own scope, so its
    /// failure is rolled back and handed to the contract's reply instead of failing the caller.
    /// </summary>
    private IEnumerable<ExecutorRequest> RunSubMsg(Addr contract, SubMsg sub, Box<object?> replyData)
    {
        var catches = sub.ReplyOn is ReplyOn.Error or ReplyOn.Always;
        var before = _events.Count;
        var msgData = new Box<object?>();
        MeshError? error = null;
        if (catches)
        {
            OpenScope();
            foreach (var r in Guard(Dispatch(contract, sub.Msg, fromContract: true, msgData))) yield return r;
            error = TakeCaught();
            if (CloseScope(commit: error is null) is { } closed) yield return closed;
        }
        else
        {
            foreach (var r in Dispatch(contract, sub.Msg, fromContract: true, msgData)) yield return r;
        }

        var wantsReply = sub.ReplyOn == ReplyOn.Always
                         || (sub.ReplyOn == ReplyOn.Success && error is null)
                         || (sub.ReplyOn == ReplyOn.Error && error is not null);
        if (!wantsReply) yield break;
        var events = error is null ? EventsSince(before) : [];
        var reply = new Reply(sub.Id, events, error is null ? msgData.Value : null, error);
        foreach (var r in RunEntry(contract, new ContractCall.HandleReply(reply), replyData)) yield return r;
    }
}
