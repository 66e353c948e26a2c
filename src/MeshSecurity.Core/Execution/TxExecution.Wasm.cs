using System.Collections.Immutable;
using System.Globalization;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Execution;

public sealed partial class TxExecution
{
    /// <summary>An execute's checks and transfer; returns the call to run (raising, as the caller's step).</summary>
    private ContractCall Execute(Addr sender, CosmosMsg.WasmExecute m)
    {
        RequireContract(m.Contract);
        SendFunds(sender, m.Contract, m.Funds);
        // the contract's form: its one attribute is read from the address, no array for it
        Emit(new Event("execute", m.Contract, [], 0));
        return new ContractCall.Execute(new MessageInfo(sender, m.Funds), m.Msg);
    }

    /// <summary>Registers the instance and asks for it; the frame goes on with <see cref="StepInstantiate"/>.</summary>
    private ExecutorRequest.Create Instantiate(Frame f, Addr sender, CosmosMsg.WasmInstantiate m)
    {
        if (!_codes.Contains(m.CodeId)) throw new StdError.NotFound($"code {m.CodeId}").Raise();
        var wasm = _state.Wasm;
        var address = Addr.Derive(_state.Prefix, $"contract/{m.CodeId}/{wasm.NextInstanceId.ToString(CultureInfo.InvariantCulture)}");
        var port = WasmState.PortOf(address);
        _state.WithWasm(wasm with
        {
            Contracts = wasm.Contracts.Add(address, new ContractInfo(address, m.CodeId, m.Label, sender, m.Admin, port)),
            PortOwners = wasm.PortOwners.Add(port, address),
            NextInstanceId = wasm.NextInstanceId + 1,
        });
        Touch(address);
        f.Become(FrameKind.Instantiate, pc: 1);
        f.Contract = address;
        return new ExecutorRequest.Create(address, m.CodeId, Depth);
    }

    private ExecutorRequest? StepInstantiate(Frame f)
    {
        var address = f.Contract!.Value;
        if (f.Pc == 1)
        {
            var m = (CosmosMsg.WasmInstantiate)f.Subject!;
            SendFunds(f.Sender, address, m.Funds);
            Emit(InstantiateFields.Event(address, m.CodeId));
            f.Pc = 2;
            PushEntry(address, new ContractCall.Instantiate(new MessageInfo(f.Sender, m.Funds), m.Msg));
            return null;
        }
        f.Data = new InstantiateResult(address);
        Pop(f);
        return null;
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
    /// dispatches its messages (and replies) in order: a plain message as a frame of its own, its data dropped; one
    /// with a reply as a <see cref="FrameKind.SubMsg"/> frame, whose data (the reply's), if any, becomes the call's.
    /// </summary>
    private ExecutorRequest? StepEntry(Frame f)
    {
        var contract = f.Contract!.Value;
        switch (f.Pc)
        {
            case 0:
                var info = _state.Wasm.Get(contract) ?? throw new StdError.NotFound($"contract {contract}").Raise();
                Touch(contract);
                var ctx = Context(contract);
                _reply = null;
                f.Pc = 1;
                return _call is null
                    ? _call = new ExecutorRequest.Call(contract, info.CodeId, (ContractCall)f.Subject!, ctx, Depth)
                    : _call.Fill(contract, info.CodeId, (ContractCall)f.Subject!, ctx, Depth);
            case 1:
                var resp = _reply switch
                {
                    ContractOutcome.Ok ok => ok.Response,
                    ContractOutcome.Failed failed => throw failed.Error.Raise(),
                    _ => throw new InvalidOperationException(
                        $"the driver answered a contract call with {_reply?.GetType().Name ?? "null"}"),
                };
                f.Extra = resp;
                EmitContractEvents(contract, resp);
                f.Data = resp.Data;
                f.Pc = 2;
                break;
            case 3:
                if (_childData is not null) f.Data = _childData;
                f.Pc = 2;
                break;
        }
        var messages = ((Response)f.Extra!).Messages;
        if (f.Index == messages.Length)
        {
            Pop(f);
            return null;
        }
        var sub = messages[f.Index++];
        if (sub.ReplyOn == ReplyOn.Never)
        {
            // a plain message (most are): no scope, no reply; an execute's checks and transfer run here, as Dispatch's would
            if (sub.Msg is CosmosMsg.WasmExecute execute) PushEntry(execute.Contract, Execute(contract, execute));
            else PushDispatch(contract, sub.Msg, fromContract: true, guarded: false);
            return null;
        }
        f.Pc = 3;
        var child = Push(FrameKind.SubMsg, guarded: false);
        child.Contract = contract;
        child.Subject = sub;
        return null;
    }

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
            // a typed event keeps its fields behind the address; any other is read as its array
            if (e.Fields is { } fields)
            {
                Emit(new Event(WasmType(e.Type), contract, fields));
                continue;
            }
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
    private ExecutorRequest? StepSubMsg(Frame f)
    {
        var contract = f.Contract!.Value;
        var sub = (SubMsg)f.Subject!;
        var catches = sub.ReplyOn is ReplyOn.Error or ReplyOn.Always;
        switch (f.Pc)
        {
            case 0:
                f.Index = _events.Count;
                if (catches) OpenScope();
                f.Pc = 1;
                PushDispatch(contract, sub.Msg, fromContract: true, guarded: catches);
                return null;
            case 1:
                f.Extra = _childData;
                f.Pc = 2;
                if (!catches) goto case 2;
                f.Error = TakeCaught();
                return CloseScope(commit: f.Error is null);
            case 2:
                var error = f.Error;
                var wantsReply = sub.ReplyOn == ReplyOn.Always
                                 || (sub.ReplyOn == ReplyOn.Success && error is null)
                                 || (sub.ReplyOn == ReplyOn.Error && error is not null);
                if (!wantsReply)
                {
                    Pop(f);
                    return null;
                }
                var events = error is null ? EventsSince(f.Index) : [];
                var reply = new Reply(sub.Id, events, error is null ? f.Extra : null, error);
                f.Pc = 3;
                PushEntry(contract, new ContractCall.HandleReply(reply));
                return null;
            default:
                f.Data = _childData;
                Pop(f);
                return null;
        }
    }
}
