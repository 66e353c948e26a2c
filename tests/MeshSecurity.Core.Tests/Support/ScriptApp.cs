using System.Collections.Immutable;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>
/// A second test contract for the executor, complementing <see cref="MockApp"/>: it can change its own state and then
/// dispatch messages (so a later failure must undo a change the callee really made), panic with a non-domain
/// exception (a wasm trap), and accept sudo (logging it), so governance-only entry points can be observed.
/// </summary>
public sealed class ScriptApp : Contract<ScriptApp.State, ScriptApp.Init, ScriptApp.Exec, ScriptApp.Ask>
{
    public const string Code = "script-app";
    public override string CodeId => Code;

    public sealed record State(int Counter, ImmutableList<string> Log);
    public sealed record Init(int Start);
    public sealed record Ask;

    public abstract record Exec
    {
        private Exec() { }

        /// <summary>Adds <paramref name="By"/> to the counter, then dispatches <paramref name="Then"/> (plain messages, in order).</summary>
        public sealed record IncrementThen(int By, ImmutableList<CosmosMsg> Then) : Exec;

        /// <summary>Throws an exception that is not a domain error, as a bug in contract code would.</summary>
        public sealed record Panic(string Why) : Exec;
    }

    protected override (State, Response) Instantiate(ContractContext ctx, MessageInfo info, Init msg) =>
        (new State(msg.Start, ImmutableList<string>.Empty), Response.Empty);

    protected override (State, Response) Execute(ContractContext ctx, MessageInfo info, State state, Exec msg) => msg switch
    {
        Exec.IncrementThen i => (state with { Counter = state.Counter + i.By, Log = state.Log.Add($"increment {i.By}") },
            Response.WithAttribute("counter", state.Counter + i.By).AddMessages(i.Then)),
        Exec.Panic p => throw new InvalidOperationException(p.Why),
        _ => throw new StdError.Generic("unknown message").Raise(),
    };

    protected override object Query(ContractContext ctx, State state, Ask msg) => state;

    protected override (State, Response) Sudo(ContractContext ctx, State state, object msg) =>
        (state with { Log = state.Log.Add($"sudo {msg}") }, Response.Empty);

    protected override (State, Response) HandleReply(ContractContext ctx, State state, Reply reply) =>
        (state with { Log = state.Log.Add($"reply {reply.Id} {(reply.IsSuccess ? "ok" : "error " + reply.Error!.Kind)}") }, Response.Empty);
}
