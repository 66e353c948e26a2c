using System.Collections.Immutable;
using System.Text;
using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;

namespace MeshSecurity.Core.Tests.Support;

/// <summary>
/// A small contract for executor and IBC tests, like ibc-go's mock app: counts what happens to it, fails on demand,
/// refuses the handshake for version "bad", answers packets "fail" with an error (rolled back + error ack),
/// "error-ack" with an error ack it returns itself, anything else with a success ack echoing the data.
/// </summary>
public sealed class MockApp : Contract<MockApp.State, MockApp.Init, MockApp.Exec, MockApp.Ask>
{
    public const string Code = "mock-app";
    public override string CodeId => Code;

    public sealed record State(int Counter, ImmutableList<string> Log);
    public sealed record Init(int Start);
    public sealed record Ask;

    public abstract record Exec
    {
        private Exec() { }
        public sealed record Increment(int By) : Exec;
        public sealed record Fail(string Why) : Exec;
        public sealed record IncrementThenFail(int By) : Exec;
        public sealed record Send(string Channel, string Data, ulong TimeoutSeconds) : Exec;
        public sealed record Dispatch(CosmosMsg Msg, ReplyOn ReplyOn, ulong Id) : Exec;
    }

    public sealed record Boom(string Why) : MeshError
    {
        public override string Codespace => "mock";
        public override string Message => Why;
    }

    protected override (State, Response) Instantiate(ContractContext ctx, MessageInfo info, Init msg) =>
        (new State(msg.Start, ImmutableList<string>.Empty), Response.Empty);

    protected override (State, Response) Execute(ContractContext ctx, MessageInfo info, State state, Exec msg) => msg switch
    {
        Exec.Increment i => (state with { Counter = state.Counter + i.By }, Response.WithAttribute("counter", state.Counter + i.By)),
        Exec.Fail f => throw new Boom(f.Why).Raise(),
        Exec.IncrementThenFail => throw new Boom("after increment").Raise(),
        Exec.Send s => (state, Response.Empty.AddMessage(new CosmosMsg.IbcSendPacket(s.Channel, Encoding.UTF8.GetBytes(s.Data),
            IbcTimeout.AtTime(ctx.Env.Time.PlusSeconds(s.TimeoutSeconds))))),
        Exec.Dispatch d => (state, Response.Empty.AddSubMessage(new SubMsg(d.Id, d.Msg, d.ReplyOn))),
        _ => throw new Boom("unknown").Raise(),
    };

    protected override object Query(ContractContext ctx, State state, Ask msg) => state;

    protected override (State, Response) HandleReply(ContractContext ctx, State state, Reply reply) =>
        (state with { Log = state.Log.Add($"reply {reply.Id} {(reply.IsSuccess ? "ok" : "error " + reply.Error!.Kind)}") }, Response.Empty);

    protected override (State, Response) ChannelOpen(ContractContext ctx, State state, IbcChannel channel, string? counterpartyVersion)
    {
        if (channel.Version == "bad" || counterpartyVersion == "bad") throw new Boom("bad version").Raise();
        return (state, Response.Empty);
    }

    protected override (State, Response) ChannelConnect(ContractContext ctx, State state, IbcChannel channel, string? counterpartyVersion) =>
        (state with { Log = state.Log.Add("connect " + channel.Endpoint.ChannelId) }, Response.Empty);

    protected override (State, Response) ChannelClose(ContractContext ctx, State state, IbcChannel channel) =>
        (state with { Log = state.Log.Add("close " + channel.Endpoint.ChannelId) }, Response.Empty);

    protected override (State, Response) PacketReceive(ContractContext ctx, State state, IbcPacket packet, Addr relayer)
    {
        var data = Encoding.UTF8.GetString(packet.Data);
        var next = state with { Counter = state.Counter + 1, Log = state.Log.Add("recv " + data) };
        return data switch
        {
            "fail" => throw new Boom("refused packet").Raise(),
            "error-ack" => (next, Response.Empty.SetAck(Acknowledgement.Failure("app says no"))),
            _ => (next, Response.Empty.SetAck(Acknowledgement.Success(packet.Data))),
        };
    }

    protected override (State, Response) PacketAck(ContractContext ctx, State state, IbcPacket packet, Acknowledgement ack, Addr relayer) =>
        (state with { Log = state.Log.Add($"ack {packet.Sequence} {(ack.IsSuccess ? "ok" : "error")}") }, Response.Empty);

    protected override (State, Response) PacketTimeout(ContractContext ctx, State state, IbcPacket packet, Addr relayer) =>
        (state with { Log = state.Log.Add($"timeout {packet.Sequence}") }, Response.Empty);
}
