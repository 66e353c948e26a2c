using System.Text;
using System.Text.Json;
using MeshSecurity.Core.Ibc;
using MeshSecurity.Core.Math;
using MeshSecurity.Core.Types;
using MeshSecurity.Core.Wasm;
using MeshSecurity.Scenarios.Model;

namespace MeshSecurity.Scenarios.Running;

public sealed partial class ScenarioRunner
{
    /// <summary>
    /// The packets pending on a link's channel, read from the sending chains' IBC stores: a commitment stays until the
    /// packet is acknowledged or timed out there, so these are the packets in flight, including those whose ack is.
    /// </summary>
    private async Task<(string Target, Amount Value)> ReadPending(Expectation.PendingPackets x)
    {
        var link = Link(x.Provider, x.Consumer);
        var ends = x.Channel == PacketChannel.Mesh ? link.MeshEnds : link.TransferEnds;
        ulong count = 0;
        if (x.Direction != PacketDirection.ToProvider) count += await Pending(ends.ChainA, ends.PortA, ends.ChannelA, x.Kind);
        if (x.Direction != PacketDirection.ToConsumer) count += await Pending(ends.ChainB, ends.PortB, ends.ChannelB, x.Kind);
        var way = x.Direction switch
        {
            PacketDirection.ToConsumer => " to the consumer",
            PacketDirection.ToProvider => " to the provider",
            _ => "",
        };
        return ($"{x.Provider}->{x.Consumer} {x.Channel.ToString().ToLowerInvariant()} pending {x.Kind ?? "packets"}{way}", count);
    }

    private async Task<ulong> Pending(string chain, string port, string channel, string? kind)
    {
        var state = await _net.StateAsync(chain);
        ulong count = 0;
        foreach (var (key, packet) in state.Ibc.Commitments)
            if (key.PortId == port && key.ChannelId == channel && (kind is null || KindOf(packet) == kind)) count++;
        return count;
    }

    /// <summary>
    /// The variant name of a mesh packet's data in the language's spelling ("list-validators" for the wire's externally
    /// tagged "list_validators"), or null when the data is not such JSON.
    /// </summary>
    internal static string? KindOf(IbcPacket packet)
    {
        try
        {
            using var doc = JsonDocument.Parse(packet.Data);
            var tag = doc.RootElement.ValueKind switch
            {
                JsonValueKind.String => doc.RootElement.GetString(),
                JsonValueKind.Object when doc.RootElement.EnumerateObject().Count() == 1 => doc.RootElement.EnumerateObject().First().Name,
                _ => null,
            };
            return tag?.Replace('_', '-');
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The relay message that delivers an injected packet to its destination, and who signs it. The sending chain never
    /// committed the packet, so its sequence is drawn from <see cref="PacketTally.InjectedFrom"/> up, where the channel's own
    /// sequences never reach: its receipt cannot stop a real packet, and the ack the relayer carries back is a no-op there.
    /// The proof height is the destination's client's latest; the timeout the link's packet lifetime from now.
    /// </summary>
    private async Task<(Addr Signer, CosmosMsg Msg)> InjectMessage(ScenarioStep.InjectPacket s, int index)
    {
        var link = Link(s.Provider, s.Consumer);
        var ends = s.Channel == PacketChannel.Mesh ? link.MeshEnds : link.TransferEnds;
        var a = new IbcEndpoint(ends.PortA, ends.ChannelA);
        var b = new IbcEndpoint(ends.PortB, ends.ChannelB);
        var (source, destination) = s.Direction == PacketDirection.ToConsumer ? (a, b) : (b, a);
        var state = await _net.StateAsync(s.Destination);
        var end = state.Ibc.RequireChannel(destination.PortId, destination.ChannelId);
        var proofHeight = state.Ibc.ClientOfConnection(end.ConnectionId).LatestHeight;
        var role = s.Direction == PacketDirection.ToConsumer ? ContractRole.Consumer : ContractRole.Provider;
        var target = new ContractTarget(s.Destination, role, s.Provider, s.Consumer, null);
        var data = Encoding.UTF8.GetBytes(s.Json ? ResolveMessage(s.Data, target) : s.Data);
        var lifetime = _scenario.Link(s.Provider, s.Consumer)!.PacketLifetime.WholeSeconds;
        var timeout = IbcTimeout.AtTime(state.Time.PlusSeconds(lifetime));
        var packet = new IbcPacket(source, destination, PacketTally.InjectedFrom + (ulong)index, data, timeout);
        var signer = ScenarioAddresses.Injector(_scenario.Chain(s.Destination));
        return (signer, new CosmosMsg.Relay(new IbcRelayMsg.RecvPacket(packet, proofHeight, signer)));
    }

    /// <summary>An injected packet's outcome: the acknowledgement its destination wrote, against the one expected.</summary>
    private static (string Outcome, bool Ok) JudgeAck(ScenarioStep.InjectPacket s, Acknowledgement? ack) => ack switch
    {
        null => ("success, but no acknowledgement was written (the packet was already received)", false),
        { IsSuccess: true } => ("success, ok ack", s.AckOk && s.ExpectError is null),
        { Error: var text } => ($"success, error ack \"{text}\"",
            !s.AckOk && s.ExpectError is null && (s.AckError is null || text!.Contains(s.AckError, StringComparison.Ordinal))),
    };
}
