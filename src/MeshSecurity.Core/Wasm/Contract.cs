using MeshSecurity.Core.Errors;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Types;

namespace MeshSecurity.Core.Wasm;

/// <summary>
/// The typed base of every contract: maps <see cref="ContractCall"/>s to typed entry points and turns raised
/// <see cref="MeshError"/>s (and any other exception, as a wasm trap would be) into <see cref="ContractOutcome.Failed"/>.
/// Entry points not overridden refuse with <see cref="UnsupportedEntryPoint"/>.
/// </summary>
public abstract class Contract<TState, TInstantiate, TExecute, TQuery> : IContractCode
    where TState : class
    where TInstantiate : class
    where TExecute : class
    where TQuery : class
{
    public abstract string CodeId { get; }

    public Type StateType => typeof(TState);

    protected abstract (TState State, Response Response) Instantiate(ContractContext ctx, MessageInfo info, TInstantiate msg);

    protected abstract (TState State, Response Response) Execute(ContractContext ctx, MessageInfo info, TState state, TExecute msg);

    protected abstract object Query(ContractContext ctx, TState state, TQuery msg);

    protected virtual (TState State, Response Response) Sudo(ContractContext ctx, TState state, object msg) =>
        throw new UnsupportedEntryPoint(CodeId, "sudo").Raise();

    protected virtual (TState State, Response Response) HandleReply(ContractContext ctx, TState state, Reply reply) =>
        throw new UnsupportedEntryPoint(CodeId, "reply").Raise();

    protected virtual (TState State, Response Response) ChannelOpen(ContractContext ctx, TState state, IbcChannel channel, string? counterpartyVersion) =>
        throw new UnsupportedEntryPoint(CodeId, "ibc_channel_open").Raise();

    protected virtual (TState State, Response Response) ChannelConnect(ContractContext ctx, TState state, IbcChannel channel, string? counterpartyVersion) =>
        throw new UnsupportedEntryPoint(CodeId, "ibc_channel_connect").Raise();

    protected virtual (TState State, Response Response) ChannelClose(ContractContext ctx, TState state, IbcChannel channel) =>
        throw new UnsupportedEntryPoint(CodeId, "ibc_channel_close").Raise();

    /// <summary>Must set <see cref="Response.Acknowledgement"/>; raising an error makes the chain write an error ack.</summary>
    protected virtual (TState State, Response Response) PacketReceive(ContractContext ctx, TState state, IbcPacket packet, Addr relayer) =>
        throw new UnsupportedEntryPoint(CodeId, "ibc_packet_receive").Raise();

    protected virtual (TState State, Response Response) PacketAck(ContractContext ctx, TState state, IbcPacket packet, Acknowledgement ack, Addr relayer) =>
        throw new UnsupportedEntryPoint(CodeId, "ibc_packet_ack").Raise();

    protected virtual (TState State, Response Response) PacketTimeout(ContractContext ctx, TState state, IbcPacket packet, Addr relayer) =>
        throw new UnsupportedEntryPoint(CodeId, "ibc_packet_timeout").Raise();

    public ContractOutcome Run(object? state, ContractCall call, ContractContext ctx)
    {
        try
        {
            var (next, response) = call switch
            {
                ContractCall.Instantiate i => Instantiate(ctx, i.Info, Cast<TInstantiate>(i.Msg)),
                ContractCall.Execute e => Execute(ctx, e.Info, Existing(state), Cast<TExecute>(e.Msg)),
                ContractCall.Sudo s => Sudo(ctx, Existing(state), s.Msg),
                ContractCall.HandleReply r => HandleReply(ctx, Existing(state), r.Reply),
                ContractCall.ChannelOpen o => ChannelOpen(ctx, Existing(state), o.Channel, o.CounterpartyVersion),
                ContractCall.ChannelConnect c => ChannelConnect(ctx, Existing(state), c.Channel, c.CounterpartyVersion),
                ContractCall.ChannelClose c => ChannelClose(ctx, Existing(state), c.Channel),
                ContractCall.PacketReceive p => PacketReceive(ctx, Existing(state), p.Packet, p.Relayer),
                ContractCall.PacketAck a => PacketAck(ctx, Existing(state), a.Packet, a.Ack, a.Relayer),
                ContractCall.PacketTimeout t => PacketTimeout(ctx, Existing(state), t.Packet, t.Relayer),
                _ => throw new UnsupportedEntryPoint(CodeId, call.EntryPoint).Raise(),
            };
            return new ContractOutcome.Ok(next, response.Seal());
        }
        catch (MeshException ex)
        {
            return new ContractOutcome.Failed(ex.Error);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in contract code aborts the call like a wasm trap: the transaction fails, the chain lives on.
            return new ContractOutcome.Failed(new StdError.Panic($"{ex.GetType().Name}: {ex.Message}"));
        }
    }

    public object Query(object state, object msg, ContractContext ctx) => Query(ctx, Existing(state), Cast<TQuery>(msg));

    private TState Existing(object? state) =>
        state as TState ?? throw new StdError.NotFound($"state of {CodeId} contract {{}}").Raise();

    private T Cast<T>(object msg) where T : class => msg switch
    {
        T typed => typed,
        byte[] json => Wire.Decode<T>(json),
        string json => Wire.Decode<T>(System.Text.Encoding.UTF8.GetBytes(json)),
        _ => throw new StdError.ParseError(typeof(T).Name, msg.GetType().Name, $"{CodeId} does not accept this message").Raise(),
    };

    /// <summary>The contract has no such entry point.</summary>
    public sealed record UnsupportedEntryPoint(string Code, string EntryPoint) : MeshError
    {
        public override string Codespace => "wasm";
        public override string Message => $"{Code} does not implement {EntryPoint}";
    }
}
